"""Pages of the science records: ``pages`` reads and reviews, ``steps`` the lifecycle forms."""

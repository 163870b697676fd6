"""SCIM 2.0 (RFC 7643/7644) under `/scim/v2`: people as Users, bodies as Groups, for the
directory and HR tools of départements and carriers."""

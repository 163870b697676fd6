"""User administration: logins, their role grants, and `/me`."""

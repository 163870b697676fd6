"""ancrage: the information system of the CLTSDS network and its liaison with the HCTS."""

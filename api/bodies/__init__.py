"""Bodies (instances) of a committee: COPIL, COTECH, plenary, agora…"""

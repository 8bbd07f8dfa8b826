"""The README's main example: load Vestfold og Telemark and print what it holds.

Run it with ``python examples/main.py`` after installing samkart.
"""

import samkart as sk

land = sk.datasets.vestfold_telemark()
print(repr(land))
print()
# Measures by prevention level; actors by owner and by sector; links by kind.
print(land.summary())

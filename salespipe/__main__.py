"""``python -m salespipe``: the same command as ``salespipe``."""

from salespipe.cli import main

if __name__ == "__main__":
    main()

"""``python -m salespipe.cli``, as ``salespipe``."""

from salespipe.cli import main

if __name__ == "__main__":
    main()

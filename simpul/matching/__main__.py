"""`python -m simpul.matching match ...` = `simpul persons match ...` (no Django, no database)."""

from simpul.matching.batch import main

raise SystemExit(main())

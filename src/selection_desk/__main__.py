from selection_desk.cli import main

raise SystemExit(main())

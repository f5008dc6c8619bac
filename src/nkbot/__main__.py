from nkbot.cli import main

raise SystemExit(main())

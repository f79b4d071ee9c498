from translate.cli import entry

entry()

package main

import (
	_ "github.com/alecthomas/participle/v2"
	_ "github.com/fatih/color"
	_ "github.com/mattn/go-runewidth"
	_ "github.com/rogpeppe/go-internal/testscript"
)

func main() {}

// Command floorbare is the floor that kexplain's whole-process times are quoted against: a Go
// process that only reads the file it is given.
//
//	go build -o /tmp/floorbare ./internal/floorbare
package main

import "os"

func main() {
	if len(os.Args) != 2 {
		os.Exit(2)
	}
	if _, err := os.ReadFile(os.Args[1]); err != nil {
		os.Exit(2)
	}
}

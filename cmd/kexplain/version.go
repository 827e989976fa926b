package main

import (
	"runtime"
	"runtime/debug"
	"strings"
)

// version is set at link time by a release build (-ldflags "-X main.version=v1.2.3"); otherwise
// the module version that `go install …@version` records, or the commit a build from a clone
// records, is used.
var version = ""

// versionLine is what `kexplain --version` prints: "kexplain v1.2.3 (go1.26.8 linux/amd64)".
func versionLine() string {
	v := version
	info, ok := debug.ReadBuildInfo()
	if v == "" && ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	if v == "" {
		v = "devel"
		if ok {
			var rev, modified string
			for _, s := range info.Settings {
				switch s.Key {
				case "vcs.revision":
					rev = s.Value
				case "vcs.modified":
					modified = s.Value
				}
			}
			if len(rev) > 12 {
				rev = rev[:12]
			}
			if rev != "" {
				v += " " + rev
				if modified == "true" {
					v += "+modified"
				}
			}
		}
	}
	return "kexplain " + strings.TrimSpace(v) + " (" + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + ")"
}

package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The import policy, a statement of what may depend on what: the pipeline runs one way, grammar ←
// explain ← render ← cmd/kexplain, and only the command reads flags, files and streams or decides
// about colour. Debug tools under internal/ (internal/dbg) sit on top of the pipeline like a command.
// Package ocr turns pictures into text for grammar and starts no program: internal/tesseract runs
// the recogniser for the command.
const module = "github.com/kexplain/kexplain"

type policy struct {
	deps   []string // may not be among the package's dependencies at all ("x/" means x and below)
	direct []string // may not be imported by the package, or by the kexplain packages it uses
}

var forbidden = map[string]policy{
	"grammar": {deps: []string{module + "/explain", module + "/render", module + "/cmd/", module + "/internal/", "github.com/fatih/color"}, direct: []string{"os", "flag"}},
	"explain": {deps: []string{module + "/render", module + "/cmd/", module + "/internal/", "github.com/fatih/color"}, direct: []string{"os", "flag"}},
	"render":  {deps: []string{module + "/cmd/", module + "/internal/"}, direct: []string{"os", "flag"}},
	// ocr reads pictures into text, below grammar; the recognition (os/exec) is the caller's
	"ocr": {deps: []string{module + "/grammar", module + "/explain", module + "/render", module + "/cmd/", module + "/internal/", "github.com/fatih/color"},
		direct: []string{"os", "os/exec", "flag", "net", "syscall"}},
}

func matches(path, rule string) bool {
	if strings.HasSuffix(rule, "/") {
		return strings.HasPrefix(path, rule) || path == strings.TrimSuffix(rule, "/")
	}
	return path == rule
}

// TestDeps checks the policy with go list -deps. os and flag are checked as direct imports of
// kexplain's own packages only: the standard library itself imports os (fmt does).
func TestDeps(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command on PATH")
	}
	for pkg, pol := range forbidden {
		out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", module+"/"+pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		n := 0
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			f := strings.Fields(line)
			if len(f) == 0 {
				continue
			}
			n++
			dep, imports := f[0], f[1:]
			for _, rule := range pol.deps {
				if matches(dep, rule) {
					t.Errorf("%s depends on %s, which the import policy forbids", pkg, dep)
				}
			}
			if !strings.HasPrefix(dep, module+"/") {
				continue
			}
			for _, imp := range imports {
				for _, rule := range pol.direct {
					if matches(imp, rule) {
						t.Errorf("%s: %s imports %s, which the import policy forbids", pkg, dep, imp)
					}
				}
			}
		}
		if n == 0 {
			t.Fatalf("go list -deps %s listed nothing", pkg)
		}
	}
}

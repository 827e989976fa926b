package main

import (
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// The import policy, a statement of what may depend on what. The engine is built in floors, and
// imports run one way, from the bottom up:
//
//	normalize ← grammar ← layers ← interp ← explain ← render ← cmd/kexplain, cmd/kexplain-wasm
//
// normalize turns a paste into plain lines with positions; grammar finds and parses tables and code; layers knows each Keras layer; interp reads code into
// models; explain judges tables and holds them against the rebuilt models; render prints both.
// Each floor may import only the floors below it. Only the commands read flags, files and streams:
// no floor imports os or flag. Colour (fatih/color) is decided by the command and printed by render,
// so nothing below render depends on it. Packages under internal/ (internal/frontend) sit on top
// of the engine like a command. Package ocr, beside the floors, turns a picture into text for
// grammar and starts no program: internal/tesseract runs the recogniser for the command.
const module = "github.com/kexplain/kexplain"

// floors are the engine's packages, bottom up.
var floors = []string{"normalize", "grammar", "layers", "interp", "explain", "render"}

// noColorBelow is the first floor that may depend on the colour library.
const noColorBelow = "render"

// besides are packages beside the floors, with what they may not depend on (deps; "x/" means x
// and below) and what no kexplain package they use may import directly (direct).
var besides = map[string]struct{ deps, direct []string }{
	// the page's files only: no engine, so that the engine reaches the page through the wasm or the API
	"web": {deps: []string{module + "/grammar", module + "/layers", module + "/interp", module + "/explain", module + "/render", module + "/cmd/", module + "/internal/"}},
	// what the front ends share does no I/O and serves nothing: the command and the wasm do
	"internal/frontend": {deps: []string{module + "/cmd/", "net/http"}, direct: []string{"os", "flag"}},
	// pictures into text: no engine above it, no I/O, so that it builds for the browser
	"ocr": {deps: []string{module + "/grammar", module + "/layers", module + "/interp", module + "/explain", module + "/render", module + "/cmd/", module + "/internal/", "github.com/fatih/color"},
		direct: []string{"os", "os/exec", "flag", "net", "syscall"}},
	// the recogniser run for the command: no engine, nothing of the command
	"internal/tesseract": {deps: []string{module + "/explain", module + "/render", module + "/cmd/", "github.com/fatih/color"}},
}

func matches(path, rule string) bool {
	if strings.HasSuffix(rule, "/") {
		return strings.HasPrefix(path, rule) || path == strings.TrimSuffix(rule, "/")
	}
	return path == rule
}

// forbidden is what floor i may not depend on at all (deps) and what no kexplain package it uses
// may import directly (direct).
func forbidden(i int) (deps, direct []string) {
	for _, above := range floors[i+1:] {
		deps = append(deps, module+"/"+above+"/")
	}
	deps = append(deps, module+"/cmd/", module+"/internal/")
	colorOK := false
	for _, f := range floors[:i+1] {
		colorOK = colorOK || f == noColorBelow
	}
	if !colorOK {
		deps = append(deps, "github.com/fatih/color")
	}
	return deps, []string{"os", "flag"}
}

// TestDeps checks the policy with go list -deps. os and flag are checked as direct imports of
// kexplain's own packages only: the standard library itself imports os (fmt does). Every
// kexplain package a floor depends on must be a floor below it (or itself).
func TestDeps(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command on PATH")
	}
	for i, pkg := range floors {
		deps, direct := forbidden(i)
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
			for _, rule := range deps {
				if matches(dep, rule) {
					t.Errorf("%s depends on %s, which the import policy forbids", pkg, dep)
				}
			}
			if !strings.HasPrefix(dep, module+"/") {
				continue
			}
			onFloor := false
			for _, f := range floors[:i+1] {
				onFloor = onFloor || matches(dep, module+"/"+f+"/")
			}
			if !onFloor {
				t.Errorf("%s depends on %s, which is no floor below it", pkg, dep)
			}
			for _, imp := range imports {
				for _, rule := range direct {
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

// TestDepsPolicy checks that the policy says what it means: interp may not use explain, and
// layers may use grammar but not interp.
func TestDepsPolicy(t *testing.T) {
	has := func(list []string, s string) bool {
		for _, x := range list {
			if matches(s, x) {
				return true
			}
		}
		return false
	}
	deps, _ := forbidden(3) // interp
	if !has(deps, module+"/explain") || has(deps, module+"/layers") || !has(deps, "github.com/fatih/color") {
		t.Errorf("interp's forbidden dependencies: %v", deps)
	}
	deps, _ = forbidden(2) // layers
	if !has(deps, module+"/interp") || has(deps, module+"/grammar") {
		t.Errorf("layers' forbidden dependencies: %v", deps)
	}
	deps, _ = forbidden(5) // render
	if has(deps, "github.com/fatih/color") || !has(deps, module+"/cmd/kexplain") {
		t.Errorf("render's forbidden dependencies: %v", deps)
	}
}

// TestDepsBesides checks the packages beside the floors (the page, what the front ends share).
func TestDepsBesides(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command on PATH")
	}
	names := make([]string, 0, len(besides))
	for pkg := range besides {
		names = append(names, pkg)
	}
	sort.Strings(names)
	for _, pkg := range names {
		pol := besides[pkg]
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

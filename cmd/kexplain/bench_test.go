package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkRunSeed is the whole command in-process on the seed (our own corpus/keras1/seed-model.txt,
// and the seed thread of ../shared when it is there): read, parse, explain, render, exit status.
// Whole-process timings (process start, package init) are taken beside a bare process that only
// reads the file; see the README's development notes.
func BenchmarkRunSeed(b *testing.B) {
	inputs := map[string]string{"corpus": "../../corpus/keras1/seed-model.txt"}
	if _, err := os.Stat("../../../shared/seed/keras-users-thread.txt"); err == nil {
		inputs["thread"] = "../../../shared/seed/keras-users-thread.txt"
	}
	for name, file := range inputs {
		for _, format := range []string{"text", "json", "markdown", "mermaid"} {
			b.Run(name+"/"+format, func(b *testing.B) {
				args := []string{"--format", format, "--color", "never", file}
				if st := run(args, strings.NewReader(""), io.Discard, io.Discard, os.Getenv); st != exitOK {
					b.Fatalf("%s exits %d", filepath.Base(file), st)
				}
				b.ReportAllocs()
				for b.Loop() {
					run(args, strings.NewReader(""), io.Discard, io.Discard, os.Getenv)
				}
			})
		}
	}
}

// BenchmarkRunFile is the whole command in-process on the file $KEXPLAIN_BENCH_FILE (skipped when
// it is not set), in every output format: for profiling large generated tables, e.g.
//
//	KEXPLAIN_GEN_DIR=/tmp/gen go test ./render -run TestWriteEraInputs
//	KEXPLAIN_BENCH_FILE=/tmp/gen/fun-10000-3.txt go test ./cmd/kexplain -run '^$' -bench RunFile -benchmem
func BenchmarkRunFile(b *testing.B) {
	file := os.Getenv("KEXPLAIN_BENCH_FILE")
	if file == "" {
		b.Skip("set KEXPLAIN_BENCH_FILE to a summary to time the command on")
	}
	st, err := os.Stat(file)
	if err != nil {
		b.Fatal(err)
	}
	for _, format := range []string{"text", "json", "markdown", "mermaid", "dot"} {
		b.Run(format, func(b *testing.B) {
			args := []string{"--format", format, "--color", "never", file}
			b.SetBytes(st.Size())
			b.ReportAllocs()
			for b.Loop() {
				run(args, strings.NewReader(""), io.Discard, io.Discard, os.Getenv)
			}
		})
	}
}

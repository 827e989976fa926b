package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestREADMESamples checks the README's samples against what kexplain prints now: the text
// sample's lines appear in the output, in order (the sample is shortened), and the Mermaid block
// is the output itself (without its title).
func TestREADMESamples(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const file = "../../corpus/flagged/flatten-hand-edited.txt"
	m := regexp.MustCompile("(?s)```\n\\$ kexplain post.txt\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("the README has no text sample")
	}
	var out, errb bytes.Buffer
	run([]string{"--color", "never", file}, nil, &out, &errb, func(string) string { return "" })
	got := strings.Split(strings.ReplaceAll(out.String(), file, "post.txt"), "\n")
	k := 0
	for _, want := range strings.Split(strings.TrimSuffix(string(m[1]), "\n"), "\n") {
		for k < len(got) && got[k] != want {
			k++
		}
		if k == len(got) {
			t.Errorf("the README's text sample has %q, which kexplain does not print there", want)
			break
		}
	}
	mm := regexp.MustCompile("(?s)```mermaid\n(.*?)```").FindSubmatch(readme)
	if mm == nil {
		t.Fatal("the README has no Mermaid sample")
	}
	out.Reset()
	run([]string{"--format", "mermaid", file}, nil, &out, &errb, func(string) string { return "" })
	chart := regexp.MustCompile("(?s)^---\n.*?\n---\n").ReplaceAllString(out.String(), "")
	if chart != string(mm[1]) {
		t.Errorf("the README's Mermaid sample is not what kexplain --format mermaid prints:\n%s", chart)
	}
}

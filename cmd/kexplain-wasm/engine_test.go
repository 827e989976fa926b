package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestExplainCorpus checks that the page's explain gives the CLI's JSON and exit status for every
// corpus case (the golden NAME.json and NAME.exit that corpus/corpus_test.go checks the CLI against).
func TestExplainCorpus(t *testing.T) {
	files, err := filepath.Glob("../../corpus/*/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus cases: %v", err)
	}
	n := 0
	for _, txt := range files {
		if strings.Contains(txt, "known-bugs") {
			continue
		}
		base := strings.TrimSuffix(txt, ".txt")
		want, err1 := os.ReadFile(base + ".json")
		exitb, err2 := os.ReadFile(base + ".exit")
		if err1 != nil || err2 != nil {
			continue
		}
		src, err := os.ReadFile(txt)
		if err != nil {
			t.Fatal(err)
		}
		n++
		wantExit, _ := strconv.Atoi(strings.TrimSpace(string(exitb)))
		got := explainText(string(src), "json")
		if got.Output != string(want) {
			t.Errorf("%s: JSON differs from %s.json", txt, base)
		}
		if got.Exit != wantExit {
			t.Errorf("%s: exit %d, want %d (%s)", txt, got.Exit, wantExit, got.Diagnostics)
		}
		for _, format := range []string{"text", "markdown"} {
			if o := explainText(string(src), format); o.Exit != wantExit {
				t.Errorf("%s --format %s: exit %d, want %d", txt, format, o.Exit, wantExit)
			}
		}
	}
	if n == 0 {
		t.Fatal("no corpus case has golden files")
	}
}

func TestExplainErrors(t *testing.T) {
	if o := explainText("hello", "text"); o.Exit != exitUnread || !strings.Contains(o.Diagnostics, "no Keras model.summary() table found") {
		t.Errorf("prose: %+v", o)
	}
	if o := explainText("hello", "yaml"); o.Exit != exitUnread || !strings.Contains(o.Diagnostics, "want text, markdown or json") {
		t.Errorf("bad format: %+v", o)
	}
}

const seedCode = `import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(41, 1)),
    layers.Conv1D(64, 3, padding="same", activation="relu"),
    layers.MaxPooling1D(2),
    layers.Flatten(),
    layers.Dense(128, activation="relu"),
    layers.Dropout(0.5),
    layers.Dense(5, activation="softmax"),
])
model.summary()
`

func TestRender(t *testing.T) {
	for _, c := range []struct{ version, want string }{
		{"3", " Total params: 164,869 (644.02 KB)\n"},
		{"2.15", "dense_1 (Dense)"},
		{"2", "Total params: 164,869"},
		{"1", "Total params: 164,869"},
		{"1.0.3", "Total params:"},
		{"tfjs", "Total params: 164869"},
	} {
		o := renderCode(seedCode, c.version)
		if o.Exit != exitOK || !strings.Contains(o.Output, c.want) {
			t.Errorf("render %s: exit %d, output lacks %q:\n%s%s", c.version, o.Exit, c.want, o.Output, o.Diagnostics)
		}
	}
	if o := renderCode(seedCode, "4"); o.Exit != exitUnread || !strings.Contains(o.Diagnostics, "not a version") {
		t.Errorf("render 4: %+v", o)
	}
	if o := renderCode("x = 1\n", "3"); o.Exit != exitUnread || !strings.Contains(o.Diagnostics, "no Keras model found") {
		t.Errorf("render of no model: %+v", o)
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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

// seedSummary is summary-formats.md §5.6, the seed model as Keras 3 prints it at 76 columns.
const seedSummary = `Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ conv1d (Conv1D)                 │ (None, 41, 64)         │           256 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ max_pooling1d (MaxPooling1D)    │ (None, 20, 64)         │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ flatten (Flatten)               │ (None, 1280)           │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense (Dense)                   │ (None, 128)            │       163,968 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dropout (Dropout)               │ (None, 128)            │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense_1 (Dense)                 │ (None, 5)              │           645 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 164,869 (644.02 KB)
 Trainable params: 164,869 (644.02 KB)
 Non-trainable params: 0 (0.00 B)
`

func TestRenderSeed(t *testing.T) {
	var out, errb bytes.Buffer
	if rc := runRender([]string{"--keras", "3", "-"}, strings.NewReader(seedCode), &out, &errb); rc != 0 {
		t.Fatalf("exit %d: %s", rc, errb.String())
	}
	if out.String() != seedSummary {
		t.Errorf("got\n%s\nwant\n%s", out.String(), seedSummary)
	}
}

func TestRenderErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		in   string
		want string
	}{
		{[]string{"-"}, "no code here\n", "no Keras model found"},
		{[]string{"--keras", "7", "-"}, seedCode, "--keras 7"},
		{[]string{"a", "b"}, "", "one input at a time"},
	} {
		var out, errb bytes.Buffer
		if rc := runRender(c.args, strings.NewReader(c.in), &out, &errb); rc != exitUnread {
			t.Errorf("%v: exit %d, want %d", c.args, rc, exitUnread)
		}
		if !strings.Contains(errb.String(), c.want) {
			t.Errorf("%v: stderr %q, want %q", c.args, errb.String(), c.want)
		}
	}
}

func normText(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

// TestRenderShared renders every Keras 3 oracle case of ../shared/corpus/keras3-dev (when
// present) and compares it with the summary Keras printed.
func TestRenderShared(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "keras3-dev", "*.code.py"))
	if len(files) == 0 {
		t.Skip("../shared/corpus is absent")
	}
	for _, f := range files {
		want, err := os.ReadFile(strings.TrimSuffix(f, ".code.py") + ".summary.txt")
		if err != nil || !strings.Contains(string(want), "┏") {
			continue
		}
		var out, errb bytes.Buffer
		if rc := runRender([]string{"--keras", "3", f}, nil, &out, &errb); rc != 0 {
			t.Errorf("%s: exit %d: %s", f, rc, errb.String())
			continue
		}
		if normText(out.String()) != normText(string(want)) {
			t.Errorf("%s: rendered summary differs", f)
		}
	}
}

// TestRenderEverySummary: code that calls summary() on a base model and then on the model that
// holds it prints two summaries in Keras; render prints both, in the order the code calls them.
func TestRenderEverySummary(t *testing.T) {
	const code = `from tensorflow import keras
from tensorflow.keras import layers

encoder = keras.Sequential([
    layers.Input(shape=(28, 28, 1)),
    layers.Conv2D(16, 3, activation="relu"),
    layers.Flatten(),
    layers.Dense(32),
], name="encoder")
encoder.summary()

model = keras.Sequential([encoder, layers.Dense(10)], name="classifier")
model.summary()
`
	var out, errb bytes.Buffer
	if rc := runRender([]string{"--keras", "3", "-"}, strings.NewReader(code), &out, &errb); rc != 0 {
		t.Fatalf("exit %d: %s", rc, errb.String())
	}
	got := out.String()
	enc, cls := strings.Index(got, `Model: "encoder"`), strings.Index(got, `Model: "classifier"`)
	if enc < 0 || cls < 0 || enc > cls {
		t.Fatalf("want the encoder's summary, then the classifier's; got\n%s", got)
	}
	for _, want := range []string{"│ conv2d (Conv2D)", "│       346,144 │", "│ encoder (Sequential)", "Total params: 346,304", "Total params: 346,634"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if n := strings.Count(got, "Total params:"); n != 2 {
		t.Errorf("%d summaries printed, want 2", n)
	}
}

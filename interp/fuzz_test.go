package interp_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/interp"
	"github.com/kexplain/kexplain/layers"
	"github.com/kexplain/kexplain/render"
)

// FuzzRebuild runs the rebuild of every snippet in the input, as every Keras version, and every
// summary printer on the models it gives, with no recovery anywhere on the way: a panic is a
// crash of the test (its input lands in testdata/fuzz/FuzzRebuild and is replayed by plain go
// test from then on). It also holds the rebuild to its promises: a row whose count is not known
// says why, notes point inside the input, and the same input gives the same model twice.
//
//	go test ./interp -run '^$' -fuzz FuzzRebuild -fuzztime 60s
func FuzzRebuild(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	_ = filepath.WalkDir(filepath.Join("..", "corpus", "code"), func(path string, d fs.DirEntry, err error) error {
		// the budget cases (an endless loop) take a second each: not as seeds
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".txt") && !strings.Contains(path, "infinite") {
			if b, err := os.ReadFile(path); err == nil {
				f.Add(string(b))
			}
		}
		return nil
	})
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<16 {
			return
		}
		start := time.Now()
		defer func() {
			// bounded work: a second of budget, times the versions, and the printers
			if d := time.Since(start); d > 20*time.Second {
				t.Fatalf("took %v", d)
			}
		}()
		doc := grammar.Parse(src)
		lines := strings.Count(src, "\n") + 1
		for _, sn := range doc.Code {
			for _, v := range []layers.Version{layers.VersionUnknown, layers.Keras1, layers.Keras2, layers.TFKeras, layers.Keras3} {
				r := interp.Rebuild(sn, v)
				if r == nil {
					continue
				}
				for _, n := range r.Notes {
					if n.Line < 0 || n.Line > lines {
						t.Fatalf("note outside the input: %s", n)
					}
				}
				if r.Model == nil {
					continue
				}
				for _, row := range r.Model.Rows {
					if row.Err == "" && row.Params < 0 {
						t.Fatalf("row %s: a negative count %d with no reason", row.Name, row.Params)
					}
				}
				printAll(t, r.Model, r.Version)
				if v != layers.VersionUnknown {
					continue
				}
				again := interp.Rebuild(sn, v)
				if again == nil || again.Model == nil || len(again.Model.Rows) != len(r.Model.Rows) {
					t.Fatalf("the rebuild differs from run to run")
				}
				for i := range r.Model.Rows {
					a, b := r.Model.Rows[i], again.Model.Rows[i]
					if a.Name != b.Name || a.Output != b.Output || a.Params != b.Params || a.Err != b.Err {
						t.Fatalf("row %d differs from run to run: %+v, %+v", i, a, b)
					}
				}
			}
		}
	})
}

// printAll runs every summary printer (errors, such as an unbuilt model, are fine; panics are not).
func printAll(t *testing.T, m *interp.Model, v layers.Version) {
	var b bytes.Buffer
	_ = render.Keras3(&b, m)
	_ = render.Keras2(&b, m, v)
	for minor := 7; minor <= 15; minor++ {
		_ = render.Keras27(&b, m, minor)
	}
	for _, mp := range [][2]int{{0, 3}, {1, 2}, {2, 2}} {
		_ = render.Keras1Version(&b, m, mp[0], mp[1])
	}
	_ = render.TFJS(&b, m)
}

// fuzzSeeds are hostile and odd snippets: each reaches a corner of the interpreter.
var fuzzSeeds = []string{
	"from keras import Sequential\nm = Sequential()\nm.add(m)\nm.summary()\n",
	"from keras import layers, Sequential, Input\nm = Sequential([Input((4,)), layers.Conv2D(8, 3, strides=0), layers.MaxPooling2D(0), layers.Dense(2**62*4+3)])\n",
	"import keras\nx = [1]*10**9\ny=[1]\nfor i in range(40):\n    y = y + y\n",
	"import keras\nfor i in range(10):\n    for j in range(10):\n        keras.layers.Dense(2)\n",
	"import keras\ndef f(n):\n    return f(n)\nf(0)\n",
	"import keras\nn = 0\nwhile n < 5:\n    n += 1\n",
	"import keras\nx = keras.Input((4,))\ny = x[:, None, ::-1] + x @ x\nm = keras.Model(x, y)\nm.summary(line_length=10)\n",
	"import keras\nclass M(keras.Model):\n    def __init__(self):\n        super().__init__()\n        self.d = keras.layers.Dense(4)\n    def call(self, x):\n        return self.d(x)\nm = M()\nm.build((None, 3))\nm.summary()\n",
	"from tensorflow.keras.applications import VGG16\nb = VGG16(include_top=False, input_shape=(None, 7, 3))\nfor l in b.layers[:3]:\n    l.trainable = False\n",
	"import keras\nd = {'a': [keras.layers.Dense(3)], **{}}\nm = keras.Sequential(d['a'] + d.get('b', []))\nm.build((None, 5))\n",
	"import keras\nm = keras.Sequential([keras.layers.Bidirectional(u), keras.layers.TimeDistributed(None), keras.layers.Lambda(lambda t: t[0])])\nm.build((None, 2, 3))\n",
	"import keras\nx = keras.Input(shape=(n, 3))\nh = keras.ops.reshape(x, (-1, 3, n))\nm = keras.Model(x, keras.ops.concatenate([h, h], axis=9))\n",
	"import keras\nf'{keras.layers.Dense(3)}'\n'%d' % 1\n'{}'.format(keras)\n",
}

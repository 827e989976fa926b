package render_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/interp"
	"github.com/kexplain/kexplain/layers"
	"github.com/kexplain/kexplain/render"
)

// Large tables of every era, for timing the whole command (issue 11: 10,000 rows in every format,
// linear up to 400,000). A model is rebuilt from code with one and with two repeated blocks; the
// second block's rows are then repeated, renamed as Keras names layers and connected as the
// code connects them, to any number of rows, and printed by the era's printer.

// eraCode are the generated models: a Sequential of a mixed sequence block (convolution, batch
// statistics, recurrent, Dense on a 3-D input) and a functional transformer-like block
// (attention, residual Add, LayerNormalization, Dense) with its Connected to column.
var eraCode = map[string]string{
	"seq": `from tensorflow import keras
from tensorflow.keras import layers
model = keras.Sequential()
model.add(layers.Conv1D(64, 3, padding="same", input_shape=(100, 8)))
for i in range(BLOCKS):
    model.add(layers.Conv1D(64, 3, padding="same"))
    model.add(layers.BatchNormalization())
    model.add(layers.Activation("relu"))
    model.add(layers.LSTM(64, return_sequences=True))
    model.add(layers.Dense(64))
    model.add(layers.Dropout(0.1))
model.summary()
`,
	"fun": `from tensorflow import keras
from tensorflow.keras import layers
inputs = keras.Input(shape=(50, 64))
x = layers.Dense(64)(inputs)
for i in range(BLOCKS):
    y = layers.MultiHeadAttention(num_heads=4, key_dim=16)(x, x)
    x = layers.Add()([x, y])
    x = layers.LayerNormalization()(x)
    y = layers.Dense(64, activation="relu")(x)
    x = layers.Add()([x, y])
model = keras.Model(inputs, x)
model.summary()
`,
}

// eraModel rebuilds a generated model of about n rows as version v builds it.
func eraModel(t testing.TB, kind string, n int, v layers.Version) (*interp.Model, layers.Version) {
	build := func(blocks int) (*interp.Model, layers.Version) {
		doc := grammar.Parse(strings.ReplaceAll(eraCode[kind], "BLOCKS", strconv.Itoa(blocks)))
		for _, c := range explain.ExplainCodeAs(doc.Code, v) {
			if c.Model != nil {
				return c.Model, c.Version
			}
		}
		t.Fatalf("the %s code builds no model", kind)
		return nil, 0
	}
	one, _ := build(1)
	m, built := build(2)
	size := len(m.Rows) - len(one.Rows)
	prefix := len(one.Rows) - size
	template := m.Rows[prefix+size:]
	counters := map[string]int{}
	stem := regexp.MustCompile(`_\d+$`)
	for _, r := range m.Rows {
		s := stem.ReplaceAllString(r.Name, "")
		counters[s]++
	}
	prev := map[string]string{} // a name of block 1 → the name its counterpart has in the last copy
	for i, r := range m.Rows[prefix : prefix+size] {
		prev[r.Name] = template[i].Name
	}
	first := m.Rows[0].Name
	start := 1 // Keras 1 and 2.3 count names from 1
	if !strings.HasSuffix(first, "_1") && !strings.HasSuffix(first, "input_1") {
		start = 0
	}
	ref := regexp.MustCompile(`^([^\[]+)(\[.*)$`)
	for len(m.Rows) < n {
		names := map[string]string{}
		for _, r := range template {
			s := stem.ReplaceAllString(r.Name, "")
			names[r.Name] = s + "_" + strconv.Itoa(counters[s]+start)
			counters[s]++
		}
		next := map[string]string{}
		for i, r := range template {
			c := *r
			c.Name = names[r.Name]
			c.Connected = nil
			for _, con := range r.Connected {
				p := ref.FindStringSubmatch(con)
				if p == nil {
					c.Connected = append(c.Connected, con)
					continue
				}
				name := p[1]
				if nn, ok := names[name]; ok {
					name = nn
				} else if nn, ok := prev[name]; ok {
					name = nn
				}
				c.Connected = append(c.Connected, name+p[2])
			}
			if r.Connected != nil && c.Connected == nil {
				c.Connected = []string{}
			}
			m.Rows = append(m.Rows, &c)
			next[m.Rows[prefix+i].Name] = c.Name
		}
		prev = next
	}
	m.Trainable, m.NonTrain = 0, 0
	for _, r := range m.Rows {
		for _, w := range r.Weights {
			if w.Trainable {
				m.Trainable += w.Size()
			} else {
				m.NonTrain += w.Size()
			}
		}
	}
	return m, built
}

// printEra prints the model as the era does: "1", "2", "2.7", "2.15", "3" or "tfjs".
func printEra(t testing.TB, kind, era string, n int) string {
	v := map[string]layers.Version{"1": layers.Keras1, "2": layers.TFKeras, "2.7": layers.TFKeras, "2.15": layers.TFKeras,
		"3": layers.Keras3, "tfjs": layers.TFKeras}[era]
	m, built := eraModel(t, kind, n, v)
	var b bytes.Buffer
	var err error
	switch era {
	case "1":
		err = render.Keras1(&b, m)
	case "2":
		err = render.Keras2(&b, m, built)
	case "2.7":
		err = render.Keras27(&b, m, 7)
	case "2.15":
		err = render.Keras27(&b, m, 15)
	case "3":
		err = render.Keras3(&b, m)
	case "tfjs":
		err = render.TFJS(&b, m)
	default:
		t.Fatalf("no era %s", era)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var genEras = []string{"1", "2", "2.7", "2.15", "3", "tfjs"}

// TestEraTablesRead checks the generated tables: each reads as one consistent table of its rows.
func TestEraTablesRead(t *testing.T) {
	for _, kind := range []string{"seq", "fun"} {
		for _, era := range genEras {
			txt := printEra(t, kind, era, 60)
			res := explain.Explain(grammar.Parse(txt))
			if len(res.Summaries) != 1 || len(res.Summaries[0].Rows) < 60 {
				t.Fatalf("%s %s: not one table of 60 rows or more", kind, era)
			}
			if res.Alarms() {
				t.Errorf("%s %s: flagged: %v\n%s", kind, era, res.Summaries[0].Flags, txt)
			}
			for _, rr := range res.Summaries[0].Rows {
				if rr.Status != layers.OK {
					t.Errorf("%s %s: row %s is %s", kind, era, rr.Row.Name, rr.Status)
					break
				}
			}
		}
	}
}

// TestWriteEraInputs writes the generated tables of every era and both kinds, with
// $KEXPLAIN_GEN_ROWS rows (10,000 unless told), into the folder $KEXPLAIN_GEN_DIR, for timing
// the whole command on them; skipped otherwise.
func TestWriteEraInputs(t *testing.T) {
	dir := os.Getenv("KEXPLAIN_GEN_DIR")
	if dir == "" {
		t.Skip("set KEXPLAIN_GEN_DIR (and KEXPLAIN_GEN_ROWS) to write generated tables")
	}
	n, err := strconv.Atoi(os.Getenv("KEXPLAIN_GEN_ROWS"))
	if err != nil || n < 2 {
		n = 10000
	}
	for _, kind := range []string{"seq", "fun"} {
		for _, era := range genEras {
			path := fmt.Sprintf("%s/%s-%d-%s.txt", dir, kind, n, era)
			if err := os.WriteFile(path, []byte(printEra(t, kind, era, n)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// BenchmarkEras measures each stage of the command on a generated 10,000-row table of every era
// and kind: reading the text (grammar.Parse), explaining it, and each output; and the whole run
// in-process (read, explain, text output: "run", with MB/s of the table's text). ns/row is the
// stage's time per row of the table.
func BenchmarkEras(b *testing.B) {
	const n = 10000
	for _, kind := range []string{"seq", "fun"} {
		for _, era := range genEras {
			txt := printEra(b, kind, era, n)
			doc := grammar.Parse(txt)
			res := explain.Explain(doc)
			if len(res.Summaries) != 1 || res.Alarms() {
				b.Fatalf("%s %s: not one consistent table", kind, era)
			}
			rows := float64(len(res.Summaries[0].Rows))
			opt := render.Options{Source: "bench.txt"}
			for _, st := range []struct {
				name string
				fn   func() error
			}{
				{"parse", func() error { grammar.Parse(txt); return nil }},
				{"explain", func() error { explain.Explain(doc); return nil }},
				{"text", func() error { return render.Text(io.Discard, res, render.NewPalette(false), opt) }},
				{"markdown", func() error { return render.Markdown(io.Discard, res, opt) }},
				{"json", func() error { return render.JSON(io.Discard, res) }},
				{"mermaid", func() error { return render.Mermaid(io.Discard, res) }},
				{"dot", func() error { return render.DOT(io.Discard, res) }},
				{"run", func() error {
					return render.Text(io.Discard, explain.Explain(grammar.Parse(txt)), render.NewPalette(false), opt)
				}},
			} {
				b.Run(kind+"/"+era+"/"+st.name, func(b *testing.B) {
					if st.name == "run" {
						b.SetBytes(int64(len(txt)))
					}
					b.ReportAllocs()
					for b.Loop() {
						if err := st.fn(); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/rows, "ns/row")
				})
			}
		}
	}
}

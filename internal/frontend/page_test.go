package frontend

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/render"
)

func readCase(t testing.TB, name string) string {
	b, err := os.ReadFile("../../corpus/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPage checks what the page gets against the command's outputs for the same paste.
func TestPage(t *testing.T) {
	for _, c := range []struct {
		file   string
		exit   int
		graphs int
	}{
		{"keras1/seed-model.txt", ExitOK, 1},
		{"flagged/flatten-hand-edited.txt", ExitFlagged, 1},
		{"code/functional-nested-block.txt", ExitOK, 1},
		{"mess/two-tables.txt", ExitOK, 2},
		{"foreign/torchsummary.txt", ExitUnread, 0},
	} {
		src := readCase(t, c.file)
		p := Page(src)
		res := explain.Explain(grammar.Parse(src))
		var js, md, mdg bytes.Buffer
		render.JSON(&js, res)
		render.Markdown(&md, res, render.Options{Source: PageSource})
		render.Markdown(&mdg, res, render.Options{Source: PageSource, Graph: true})
		var a, b any
		if err := json.Unmarshal(p.JSON, &a); err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		json.Unmarshal(js.Bytes(), &b)
		x, _ := json.Marshal(a)
		y, _ := json.Marshal(b)
		if !bytes.Equal(x, y) {
			t.Errorf("%s: the page's JSON is not kexplain --format json's", c.file)
		}
		if p.Markdown != md.String() || p.MarkdownGraph != mdg.String() {
			t.Errorf("%s: the page's Markdown is not kexplain --format markdown's", c.file)
		}
		if p.Exit != c.exit || len(p.Graphs) != c.graphs {
			t.Errorf("%s: exit %d, %d graphs; want %d, %d", c.file, p.Exit, len(p.Graphs), c.exit, c.graphs)
		}
		for _, g := range p.Graphs {
			if !strings.HasPrefix(g.SVG, "<svg") || !strings.HasPrefix(g.Mermaid, "flowchart TB") || g.Nodes == 0 {
				t.Errorf("%s: graph %s %d: %d nodes, svg %.20q, mermaid %.20q", c.file, g.Kind, g.Index, g.Nodes, g.SVG, g.Mermaid)
			}
		}
		if c.exit == ExitUnread && !strings.Contains(p.Diagnostics, "<paste>:3: a torchsummary table") {
			t.Errorf("%s: diagnostics %q", c.file, p.Diagnostics)
		}
		// the JSON the wasm hands the page parses, with the contract document inside
		var back struct {
			JSON map[string]any `json:"json"`
		}
		if err := json.Unmarshal([]byte(PageJSON(src)), &back); err != nil || back.JSON["summaries"] == nil {
			t.Errorf("%s: PageJSON does not read back: %v", c.file, err)
		}
	}
}

func TestPageRender(t *testing.T) {
	src := readCase(t, "code/functional-nested-block.txt")
	for _, v := range []string{"", "3", "2.15", "1", "tfjs"} {
		out, exit, diag := PageRender(src, v)
		if exit != ExitOK || !strings.Contains(out, "842") {
			t.Errorf("render %q: exit %d %s\n%s", v, exit, diag, out)
		}
	}
	if _, exit, diag := PageRender(src, "4"); exit != ExitUnread || !strings.Contains(diag, "not a version") {
		t.Errorf("render 4: exit %d %q", exit, diag)
	}
}

// BenchmarkPage is what the page asks of the engine for the seed, and for the file named by
// $KEXPLAIN_PAGE_BENCH when it is set (a long table, say).
func BenchmarkPage(b *testing.B) {
	inputs := map[string]string{"seed": readCase(b, "keras1/seed-model.txt")}
	if f := os.Getenv("KEXPLAIN_PAGE_BENCH"); f != "" {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		inputs["file"] = string(src)
	}
	for name, src := range inputs {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				PageJSON(src)
			}
		})
	}
}

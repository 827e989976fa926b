package render_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/render"
)

func explainFile(t *testing.T, path string) *explain.Result {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return explain.Explain(grammar.Parse(string(b)))
}

// edges lists a graph's edges as "from -> to (shape)" by name.
func edges(g *render.Graph) []string {
	var out []string
	for _, e := range g.Edges {
		out = append(out, g.Nodes[e.From].Name+" -> "+g.Nodes[e.To].Name+" "+e.Shape)
	}
	return out
}

func TestSummaryGraphs(t *testing.T) {
	for _, c := range []struct {
		file  string
		nodes int
		edges []string
		group map[string][]string // group name: its layers
		bad   []string
	}{
		{"../corpus/keras1/seed-model.txt", 7, []string{
			"convolution1d_input_1 -> convolution1d_1 ", "convolution1d_1 -> maxpooling1d_1 (None, 41, 64)", "maxpooling1d_1 -> flatten_1 (None, 20, 64)",
			"flatten_1 -> dense_1 (None, 1280)", "dense_1 -> dropout_1 (None, 128)", "dropout_1 -> dense_2 (None, 128)"}, nil, nil},
		{"../corpus/keras3/functional.txt", 5, []string{
			"input_layer -> dense (None, 32)", "input_layer -> dense_1 (None, 32)", "dense -> concatenate (None, 64)",
			"dense_1 -> concatenate (None, 16)", "concatenate -> dense_2 (None, 80)"}, nil, nil},
		{"../corpus/keras3/nested-unbuilt.txt", 6, []string{
			"conv2d -> batch_normalization (None, 30, 30, 16)", "block -> global_average_pooling2d (None, 30, 30, 16)",
			"global_average_pooling2d -> dense (None, 16)", "dense -> dense_1 (None, 10)"},
			map[string][]string{"block": {"conv2d", "batch_normalization"}}, nil},
		{"../corpus/flagged/flatten-hand-edited.txt", 7, nil, nil, []string{"flatten_1"}}, // the cause, not the Dense it feeds
		{"../corpus/keras2/seed-keras231.txt", 6, nil, nil, nil},
	} {
		res := explainFile(t, c.file)
		if len(res.Summaries) != 1 {
			t.Fatalf("%s: %d summaries", c.file, len(res.Summaries))
		}
		g := render.SummaryGraph(res.Summaries[0])
		if len(g.Nodes) != c.nodes {
			t.Errorf("%s: %d nodes, want %d", c.file, len(g.Nodes), c.nodes)
		}
		if c.edges != nil {
			if got := strings.Join(edges(g), "\n"); got != strings.Join(c.edges, "\n") {
				t.Errorf("%s: edges\n%s\nwant\n%s", c.file, got, strings.Join(c.edges, "\n"))
			}
		}
		for grp, members := range c.group {
			var got []string
			for i, n := range g.Nodes {
				if n.Parent >= 0 && g.Nodes[n.Parent].Name == grp {
					got = append(got, g.Nodes[i].Name)
				}
			}
			if strings.Join(got, ",") != strings.Join(members, ",") {
				t.Errorf("%s: group %s holds %v, want %v", c.file, grp, got, members)
			}
		}
		var bad []string
		for _, n := range g.Nodes {
			if n.Flagged() {
				bad = append(bad, n.Name)
			}
			if n.Status == "input" && n.Row == -1 {
				continue // an input that is no row
			}
			if n.Row < 0 || n.Row >= len(res.Summaries[0].Rows) || res.Summaries[0].Rows[n.Row].Row.Name != n.Name {
				t.Errorf("%s: node %s points at row %d", c.file, n.Name, n.Row)
			}
		}
		if strings.Join(bad, ",") != strings.Join(c.bad, ",") {
			t.Errorf("%s: flagged nodes %v, want %v", c.file, bad, c.bad)
		}
	}
}

func TestCodeGraph(t *testing.T) {
	res := explainFile(t, "../corpus/code/functional-nested-block.txt")
	if len(res.Code) != 1 {
		t.Fatalf("%d code entries", len(res.Code))
	}
	g := render.CodeGraph(res.Code[0])
	want := []string{
		"input_layer -> conv2d (None, 32, 32, 3)", "conv2d -> batch_normalization (None, 30, 30, 16)",
		"block -> global_average_pooling2d (None, 30, 30, 16)", "block -> global_max_pooling2d (None, 30, 30, 16)",
		"global_average_pooling2d -> concatenate (None, 16)", "global_max_pooling2d -> concatenate (None, 16)",
		"concatenate -> dense (None, 32)"}
	if got := strings.Join(edges(g), "\n"); got != strings.Join(want, "\n") {
		t.Errorf("edges\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	// a Keras 3 Sequential prints no InputLayer row: the input is a node of its own
	res = explainFile(t, "testdata/code.txt")
	g = render.CodeGraph(res.Code[0])
	in := g.Nodes[g.Edges[0].From]
	if in.Status != "input" || g.Edges[0].Shape != "(None, 41, 1)" || in.Row != -1 {
		t.Errorf("the input of a Sequential: %+v, edge %+v", in, g.Edges[0])
	}
}

// graphInputs are the pastes whose pictures the renderer tests draw.
func graphInputs(t *testing.T) map[string]*explain.Result {
	out := map[string]*explain.Result{}
	for _, f := range []string{"../corpus/keras1/seed-model.txt", "../corpus/keras27/frozen-base.txt", "../corpus/code/functional-nested-block.txt",
		"../corpus/keras3/nested-unbuilt.txt", "../corpus/keras27/nested-trainable.txt", "../corpus/flagged/flatten-hand-edited.txt",
		"../corpus/mess/two-tables.txt", "../corpus/keras3/preprocessing-nested.txt", "../corpus/tfjs/functional.txt"} {
		out[f] = explainFile(t, f)
	}
	return out
}

var mermaidNode = regexp.MustCompile(`^\s*(m\d+_\d+)(\["[^"]*"\]|\(\["[^"]*"\]\))$`)
var mermaidEdge = regexp.MustCompile(`^\s*(m\d+_\d+) -->(\|"[^"]*"\|)? (m\d+_\d+)$`)
var mermaidSub = regexp.MustCompile(`^\s*subgraph (m\d+(?:_\d+)?) \["[^"]*"\]$`)

// TestMermaidStructure reads the flowcharts back line by line: every node defined once, every
// edge between defined nodes or subgraphs, subgraphs closed, no quote inside a label. (The
// browser check draws them with Mermaid itself.)
func TestMermaidStructure(t *testing.T) {
	for f, res := range graphInputs(t) {
		var b bytes.Buffer
		if err := render.Mermaid(&b, res); err != nil {
			t.Fatal(err)
		}
		ids, open, nEdges := map[string]bool{}, 0, 0
		var ends []string
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		for i := 0; i < len(lines); i++ {
			l := lines[i]
			if l == "---" { // the title block
				for i++; i < len(lines) && lines[i] != "---"; i++ {
				}
				continue
			}
			switch {
			case l == "flowchart TB", strings.TrimSpace(l) == "direction TB", strings.HasPrefix(strings.TrimSpace(l), "classDef "), strings.HasPrefix(strings.TrimSpace(l), "class "):
			case mermaidSub.MatchString(l):
				id := mermaidSub.FindStringSubmatch(l)[1]
				if ids[id] {
					t.Errorf("%s: %s defined twice", f, id)
				}
				ids[id] = true
				open++
			case strings.TrimSpace(l) == "end":
				open--
			case mermaidNode.MatchString(l):
				id := mermaidNode.FindStringSubmatch(l)[1]
				if ids[id] {
					t.Errorf("%s: %s defined twice", f, id)
				}
				ids[id] = true
			case mermaidEdge.MatchString(l):
				m := mermaidEdge.FindStringSubmatch(l)
				ends = append(ends, m[1], m[3])
				nEdges++
			default:
				t.Errorf("%s: line %d does not read: %q", f, i+1, l)
			}
		}
		if open != 0 {
			t.Errorf("%s: %d subgraphs not closed", f, open)
		}
		for _, e := range ends {
			if !ids[e] {
				t.Errorf("%s: an edge ends at %s, which is not defined", f, e)
			}
		}
		want := 0
		for _, g := range render.Graphs(res) {
			want += len(g.Edges)
		}
		if nEdges != want || len(ids) == 0 {
			t.Errorf("%s: %d edges written, the graphs have %d", f, nEdges, want)
		}
	}
}

// TestGraphviz draws every DOT output with Graphviz's dot when it is installed (the Debian
// package graphviz; .ci/run installs it), and checks that each layer's name is in the picture.
func TestGraphviz(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("no Graphviz dot on PATH (apt-get install graphviz): the structure is checked by TestMermaidStructure and the golden files")
	}
	inputs := graphInputs(t)
	golden, _ := filepath.Glob("testdata/*.dot")
	for _, f := range golden {
		inputs[f] = nil
	}
	for f, res := range inputs {
		var src []byte
		var names []string
		if res == nil {
			src, _ = os.ReadFile(f)
		} else {
			var b bytes.Buffer
			if err := render.DOT(&b, res); err != nil {
				t.Fatal(err)
			}
			src = b.Bytes()
			for _, g := range render.Graphs(res) {
				for _, n := range g.Nodes {
					names = append(names, n.Name)
				}
			}
		}
		cmd := exec.Command(dot, "-Tsvg")
		cmd.Stdin = bytes.NewReader(src)
		var out, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &stderr
		if err := cmd.Run(); err != nil || strings.Contains(stderr.String(), "Error") {
			t.Errorf("%s: dot -Tsvg: %v %s", f, err, stderr.String())
			continue
		}
		for _, n := range names {
			if !strings.Contains(out.String(), ">"+xmlEscape(n)+"<") {
				t.Errorf("%s: Graphviz's picture does not name %s", f, n)
			}
		}
	}
}

func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// TestGraphSVG checks the page's own drawing: well-formed SVG, every row drawn once with a link
// to it, flagged rows drawn as flagged, every box inside the picture.
func TestGraphSVG(t *testing.T) {
	for f, res := range graphInputs(t) {
		for gi, g := range render.Graphs(res) {
			var b bytes.Buffer
			if err := render.GraphSVG(&b, g, fmt.Sprintf("g%d-", gi)); err != nil {
				t.Fatal(err)
			}
			d := xml.NewDecoder(bytes.NewReader(b.Bytes()))
			rows := map[string]int{}
			flagged, width, height := 0, 0.0, 0.0
			for {
				tok, err := d.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s: graph %d: not well-formed: %v", f, gi, err)
				}
				se, ok := tok.(xml.StartElement)
				if !ok {
					continue
				}
				attr := map[string]string{}
				for _, a := range se.Attr {
					attr[a.Name.Local] = a.Value
				}
				switch se.Name.Local {
				case "svg":
					fmt.Sscan(attr["width"], &width)
					fmt.Sscan(attr["height"], &height)
				case "g":
					if r, ok := attr["data-row"]; ok {
						rows[r]++
					}
					if strings.Contains(attr["class"], "flagged") {
						flagged++
					}
				case "rect":
					var x, y, w, h float64
					fmt.Sscan(attr["x"], &x)
					fmt.Sscan(attr["y"], &y)
					fmt.Sscan(attr["width"], &w)
					fmt.Sscan(attr["height"], &h)
					if x < 0 || y < 0 || x+w > width+0.5 || y+h > height+0.5 {
						t.Errorf("%s: graph %d: a box at %.0f,%.0f %.0fx%.0f lies outside the %.0fx%.0f picture", f, gi, x, y, w, h, width, height)
					}
				}
			}
			want := 0
			for _, n := range g.Nodes {
				if n.Row >= 0 && rows[fmt.Sprint(n.Row)] != 1 {
					t.Errorf("%s: graph %d: row %d (%s) drawn %d times", f, gi, n.Row, n.Name, rows[fmt.Sprint(n.Row)])
				}
				if n.Flagged() && !n.Group {
					want++
				}
			}
			if flagged != want {
				t.Errorf("%s: graph %d: %d flagged boxes, want %d", f, gi, flagged, want)
			}
		}
	}
}

package frontend

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/render"
)

// PageSource is the input's name in the page's positions, as "<stdin>" is for the command.
const PageSource = "<paste>"

// MaxGraphNodes is the largest model the page draws (and offers as Mermaid): a picture of more
// layers is no longer one a person reads.
const MaxGraphNodes = 400

// PageResult is everything the browser page shows for one paste, from one run of the engine:
// the JSON document of contract.md (the page builds its tables from it), the Markdown to copy
// into a forum, and each model's graph.
type PageResult struct {
	JSON          json.RawMessage `json:"json"`           // what kexplain --format json prints
	Markdown      string          `json:"markdown"`       // kexplain --format markdown
	MarkdownGraph string          `json:"markdown_graph"` // the same with a Mermaid block per model
	Graphs        []PageGraph     `json:"graphs"`
	Exit          int             `json:"exit"`        // the command's exit status
	Diagnostics   string          `json:"diagnostics"` // what the command would print on stderr
	// Picture says what was read from a picture (PicturePage); nil for a paste of text.
	Picture *PagePicture `json:"picture,omitempty"`
}

// PageGraph is the graph of one summary or one model rebuilt from code.
type PageGraph struct {
	Kind    string `json:"kind"`  // "summary" or "code"
	Index   int    `json:"index"` // in the JSON's summaries or code
	Title   string `json:"title"`
	Nodes   int    `json:"nodes"`
	SVG     string `json:"svg"`     // "" when the model has more than MaxGraphNodes layers
	Mermaid string `json:"mermaid"` // likewise
}

// Page explains src for the page.
func Page(src string) PageResult { return page(src, nil) }

// page explains src, read from a picture when pic is not nil.
func page(src string, pic *grammar.Picture) (out PageResult) {
	defer func() {
		if r := recover(); r != nil {
			out = PageResult{Exit: ExitInternal, Diagnostics: fmt.Sprintf("kexplain: internal error (please report it, with the input): %v\n", r)}
		}
	}()
	doc := grammar.Parse(src)
	doc.Picture = pic
	res := explain.Explain(doc)
	var js, md, mdg, diag bytes.Buffer
	opt := render.Options{Source: PageSource}
	err := render.JSONCompact(&js, res)
	if err == nil {
		err = render.Markdown(&md, res, opt)
	}
	graphs := pageGraphs(res)
	small := true // a Mermaid block of a model too large to draw helps no one
	for _, g := range graphs {
		small = small && g.Nodes <= MaxGraphNodes
	}
	opt.Graph = true
	if err == nil && small && len(graphs) > 0 {
		err = render.Markdown(&mdg, res, opt)
	} else {
		mdg = md
	}
	if err != nil {
		fmt.Fprintf(&diag, "kexplain: %v\n", err)
		return PageResult{JSON: json.RawMessage("null"), Exit: ExitUnread, Diagnostics: diag.String()}
	}
	out.JSON = json.RawMessage(js.Bytes())
	out.Markdown, out.MarkdownGraph = md.String(), mdg.String()
	out.Graphs = graphs
	out.Exit = ExitStatus(res, doc, PageSource, &diag)
	out.Diagnostics = diag.String()
	return out
}

func pageGraphs(res *explain.Result) []PageGraph {
	out := []PageGraph{}
	for i, s := range res.Summaries {
		out = append(out, pageGraph("summary", i, render.SummaryGraph(s)))
	}
	for i, c := range res.Code {
		if g := render.CodeGraph(c); g != nil {
			out = append(out, pageGraph("code", i, g))
		}
	}
	return out
}

// PageJSON is Page's result as JSON, for the page's WebAssembly engine. The contract document
// goes in as it was written, not parsed and written again.
func PageJSON(src string) string { return Page(src).Encode() }

// Encode is the result as JSON; the contract document goes in as it was written.
func (p PageResult) Encode() string {
	if p.JSON == nil {
		p.JSON = json.RawMessage("null")
	}
	if p.Graphs == nil {
		p.Graphs = []PageGraph{}
	}
	rest, err := json.Marshal(struct {
		Markdown      string       `json:"markdown"`
		MarkdownGraph string       `json:"markdown_graph"`
		Graphs        []PageGraph  `json:"graphs"`
		Exit          int          `json:"exit"`
		Diagnostics   string       `json:"diagnostics"`
		Picture       *PagePicture `json:"picture,omitempty"`
	}{p.Markdown, p.MarkdownGraph, p.Graphs, p.Exit, p.Diagnostics, p.Picture})
	if err != nil {
		rest = []byte(`{"markdown":"","markdown_graph":"","graphs":[],"exit":2,"diagnostics":"kexplain: the page's result could not be written"}`)
	}
	var b strings.Builder
	b.Grow(len(p.JSON) + len(rest) + 16)
	b.WriteString(`{"json":`)
	b.Write(p.JSON)
	b.WriteByte(',')
	b.Write(rest[1:])
	return b.String()
}

func pageGraph(kind string, i int, g *render.Graph) PageGraph {
	pg := PageGraph{Kind: kind, Index: i, Title: g.Title, Nodes: len(g.Nodes)}
	if len(g.Nodes) == 0 || len(g.Nodes) > MaxGraphNodes {
		return pg
	}
	var svg, mmd strings.Builder
	id := fmt.Sprintf("%s%d-", kind, i)
	if render.GraphSVG(&svg, g, id) == nil {
		pg.SVG = svg.String()
	}
	if render.MermaidGraph(&mmd, g) == nil {
		pg.Mermaid = mmd.String()
	}
	return pg
}

// PageRender is `kexplain render` for the page: the summary that version prints for the model
// the code builds ("tfjs" for TensorFlow.js), its exit status and what it says on stderr.
func PageRender(code, version string) (output string, exit int, diagnostics string) {
	if version == "" {
		version = "3"
	}
	era, ok := LookupEra(version, version == "tfjs")
	if !ok {
		return "", ExitUnread, fmt.Sprintf("kexplain render: version %s: not a version kexplain prints (%s, tfjs)\n", version, Versions)
	}
	var out, diag strings.Builder
	func() {
		defer Recover(&diag, &exit)
		exit = RenderCode(code, PageSource, era, &out, &diag)
	}()
	return out.String(), exit, diag.String()
}

package render

import (
	"fmt"
	"html"
	"io"
	"math"
	"sort"
	"strings"
)

// The page's drawing of a Graph: a layered layout from top to bottom (longest-path layers,
// a few barycentre sweeps to order each layer, dummy points for edges that skip layers), drawn
// as SVG with the layers' boxes, their groups, and the shapes on the edges. Text is monospace, so
// that its width is known without a font.

const (
	svgNameSize   = 12.0 // font size of a node's name
	svgDetailSize = 11.0 // of its class and count
	svgCharW      = 0.6  // advance of a monospace character, in ems
	svgNodeH      = 38.0
	svgPadX       = 10.0
	svgGapX       = 22.0 // between neighbours in a layer
	svgGapY       = 34.0 // between layers: room for a shape on the edge
	svgGroupPad   = 8.0
	svgGroupHead  = 18.0 // a group's title above its first layer
	svgMargin     = 12.0
	svgMaxName    = 36 // longer names are cut with "…" (the full name is in the tooltip)
)

// svgItem is a box or a dummy point of the layout.
type svgItem struct {
	node  int // index in Graph.Nodes; -1 for a dummy
	layer int
	w     float64
	x     float64 // centre
	pos   float64 // order within the layer (barycentre)
	up    []int   // items in the layer above linked to it
	down  []int   // items in the layer below
}

// GraphSVG draws g as an SVG picture; idPrefix keeps its ids apart from those of other
// pictures on the same page. Each layer's box is a <g class="node"> with data-row (the row's
// index in the summary's layers) and data-line (its input line), so that the page can link it
// to its row.
func GraphSVG(w io.Writer, g *Graph, idPrefix string) error {
	sw := &errWriter{w: w}
	if len(g.Nodes) == 0 {
		sw.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"></svg>`)
		return sw.err
	}
	l := layout(g)
	// the picture
	width, height := l.width, l.height
	sw.printf(`<svg xmlns="http://www.w3.org/2000/svg" class="kx-graph" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s">`,
		width, height, width, height, html.EscapeString("architecture of "+g.Title))
	sw.printf(`<defs><marker id="%sarrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#777"/></marker></defs>`, idPrefix)
	// groups, outermost first
	for _, gi := range l.groupOrder {
		b := l.groupBox[gi]
		n := g.Nodes[gi]
		stroke, fill := "#9aa5b1", "#f4f6f8"
		if n.Flagged() {
			stroke, fill = "#c0392b", "#fdf0ef"
		}
		sw.printf(`<g class="group" data-row="%d" data-line="%d"><title>%s</title>`, n.Row, n.Line, html.EscapeString(n.Name+" ("+n.Detail()+")"))
		sw.printf(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="8" fill="%s" stroke="%s" stroke-dasharray="5 3"/>`, b[0], b[1], b[2]-b[0], b[3]-b[1], fill, stroke)
		sw.printf(`<text x="%.1f" y="%.1f" font-size="%.0f" fill="#333">%s</text></g>`, b[0]+8, b[1]+13, svgDetailSize, svgText(cutName(n.Name)+" · "+n.Detail()))
	}
	// edges, with the shape on the edge once per source and shape
	labelled := map[string]bool{}
	for _, p := range l.paths {
		var d strings.Builder
		fmt.Fprintf(&d, "M%.1f,%.1f", p.pts[0][0], p.pts[0][1])
		for k := 1; k < len(p.pts); k++ {
			a, b := p.pts[k-1], p.pts[k]
			my := (a[1] + b[1]) / 2
			fmt.Fprintf(&d, " C%.1f,%.1f %.1f,%.1f %.1f,%.1f", a[0], my, b[0], my, b[0], b[1])
		}
		sw.printf(`<path d="%s" fill="none" stroke="#888" stroke-width="1.3" marker-end="url(#%sarrow)"/>`, d.String(), idPrefix)
		key := fmt.Sprint(p.from, "|", p.shape)
		if p.shape != "" && !labelled[key] {
			labelled[key] = true
			sw.printf(`<text class="shape" x="%.1f" y="%.1f" font-size="10" fill="#555">%s</text>`, p.label[0], p.label[1], svgText(p.shape))
		}
	}
	// the layers' boxes
	for _, it := range l.items {
		if it.node < 0 {
			continue
		}
		n := g.Nodes[it.node]
		x, y := it.x-it.w/2, l.layerY[it.layer]
		stroke, fill, dash, sw2, text := "#8a96a3", "#ffffff", "", 1.2, "#1d2733"
		switch {
		case n.Flagged():
			stroke, fill, sw2, text = "#c0392b", "#fde2e1", 2.5, "#7b1d14"
		case n.Status == "input":
			stroke, fill = "#9aa5b1", "#eef1f4"
		case n.Status != "ok":
			dash = ` stroke-dasharray="4 3"`
		}
		rx := 6.0
		if n.Status == "input" {
			rx = svgNodeH / 2
		}
		cls := "node"
		if n.Flagged() {
			cls += " flagged"
		}
		sw.printf(`<g class="%s" data-row="%d" data-line="%d" tabindex="0"><title>%s</title>`, cls, n.Row, n.Line, html.EscapeString(n.Name+" ("+n.Detail()+")"))
		sw.printf(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.0f" rx="%.0f" fill="%s" stroke="%s" stroke-width="%.1f"%s/>`, x, y, it.w, svgNodeH, rx, fill, stroke, sw2, dash)
		nameY := y + 15
		if n.Detail() == "" {
			nameY = y + svgNodeH/2 + 4 // one line: in the middle
		}
		sw.printf(`<text x="%.1f" y="%.1f" font-size="%.0f" font-weight="600" text-anchor="middle" fill="%s">%s</text>`, it.x, nameY, svgNameSize, text, svgText(cutName(n.Name)))
		if d := n.Detail(); d != "" {
			sw.printf(`<text x="%.1f" y="%.1f" font-size="%.0f" text-anchor="middle" fill="%s">%s</text>`, it.x, y+30, svgDetailSize, text, svgDetail(n))
		}
		sw.printf(`</g>`)
	}
	sw.printf("</svg>\n")
	return sw.err
}

// svgDetail is the node's second line with its mark coloured.
func svgDetail(n GraphNode) string {
	d := n.Detail()
	m := n.Mark()
	if m == "" || !strings.HasSuffix(d, m) {
		return svgText(d)
	}
	colour := map[string]string{"✓": "#1e7b34", "✗": "#c0392b", "?": "#8a6d00"}[m]
	return svgText(strings.TrimSuffix(d, m)) + `<tspan fill="` + colour + `" font-weight="700">` + m + `</tspan>`
}

func svgText(s string) string { return html.EscapeString(s) }

func cutName(s string) string { return truncate(s, svgMaxName) }

// svgLayout is a placed graph.
type svgLayout struct {
	items      []*svgItem
	layerY     []float64
	paths      []svgPath
	groupBox   map[int][4]float64 // x0, y0, x1, y1 of each group
	groupOrder []int              // groups, outermost first
	width      float64
	height     float64
}

type svgPath struct {
	from  int
	shape string
	pts   [][2]float64
	label [2]float64 // where the shape is written
}

func nodeWidth(n GraphNode) float64 {
	w := math.Max(float64(textWidth(cutName(n.Name)))*svgNameSize*svgCharW, float64(textWidth(n.Detail()))*svgDetailSize*svgCharW)
	return math.Ceil(w + 2*svgPadX)
}

func layout(g *Graph) *svgLayout {
	n := len(g.Nodes)
	children := make([][]int, n)
	for i, nd := range g.Nodes {
		if nd.Parent >= 0 {
			children[nd.Parent] = append(children[nd.Parent], i)
		}
	}
	// the leaves a group is entered at and left from
	var leaves func(i int) []int
	leaves = func(i int) []int {
		if !g.Nodes[i].Group || len(children[i]) == 0 {
			return []int{i}
		}
		var out []int
		for _, c := range children[i] {
			out = append(out, leaves(c)...)
		}
		return out
	}
	entry, exit := make([]int, n), make([]int, n)
	for i := range g.Nodes {
		ls := leaves(i)
		entry[i], exit[i] = ls[0], ls[len(ls)-1]
	}
	// order key: inputs that are no row first, then the rows as printed
	key := make([]int, n)
	for i, nd := range g.Nodes {
		key[i] = i
		if nd.Row < 0 && nd.Status == "input" {
			key[i] = -n + i
		}
	}
	type link struct {
		from, to int
		shape    string
		drawn    bool // a real edge (false: only holds a group's layers together)
	}
	var links []link
	for _, e := range g.Edges {
		links = append(links, link{exit[e.From], entry[e.To], e.Shape, true})
	}
	// a group with no links among its layers (a nested functional model) stacks them in order
	for i, nd := range g.Nodes {
		if !nd.Group {
			continue
		}
		internal := false
		for _, e := range g.Edges {
			if g.Inside(e.From, i) && g.Inside(e.To, i) {
				internal = true
				break
			}
		}
		if !internal {
			ls := leaves(i)
			for k := 1; k < len(ls); k++ {
				links = append(links, link{ls[k-1], ls[k], "", false})
			}
		}
	}
	// layers: the longest path from a source, along links that go forward in print order
	order := make([]int, 0, n)
	for i := range g.Nodes {
		if !g.Nodes[i].Group {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return key[order[a]] < key[order[b]] })
	in := make([][]int, n)
	out := make([][]int, n)
	for k, lk := range links {
		if key[lk.from] < key[lk.to] {
			in[lk.to] = append(in[lk.to], k)
			out[lk.from] = append(out[lk.from], k)
		}
	}
	layer := make([]int, n)
	prev := -1
	for _, v := range order {
		l := 0
		for _, k := range in[v] {
			l = max(l, layer[links[k].from]+1)
		}
		if len(in[v]) == 0 && len(out[v]) == 0 && prev >= 0 {
			l = layer[prev] + 1 // a layer linked to nothing goes under the one printed before it
		}
		layer[v] = l
		prev = v
	}
	nLayers := 0
	for _, v := range order {
		nLayers = max(nLayers, layer[v]+1)
	}
	// items: the leaves, and a dummy for each layer a link skips
	l := &svgLayout{groupBox: map[int][4]float64{}}
	item := make([]int, n)
	for _, v := range order {
		item[v] = len(l.items)
		l.items = append(l.items, &svgItem{node: v, layer: layer[v], w: nodeWidth(g.Nodes[v])})
	}
	type chainOf struct {
		link  int
		items []int
	}
	var chains []chainOf
	for k, lk := range links {
		if key[lk.from] >= key[lk.to] {
			continue
		}
		c := chainOf{link: k, items: []int{item[lk.from]}}
		for y := layer[lk.from] + 1; y < layer[lk.to]; y++ {
			l.items = append(l.items, &svgItem{node: -1, layer: y, w: 6})
			c.items = append(c.items, len(l.items)-1)
		}
		c.items = append(c.items, item[lk.to])
		for j := 1; j < len(c.items); j++ {
			a, b := l.items[c.items[j-1]], l.items[c.items[j]]
			a.down = append(a.down, c.items[j])
			b.up = append(b.up, c.items[j-1])
		}
		chains = append(chains, c)
	}
	// order within layers: first as printed, then barycentre sweeps down and up
	byLayer := make([][]int, nLayers)
	for i, it := range l.items {
		byLayer[it.layer] = append(byLayer[it.layer], i)
	}
	for _, ids := range byLayer {
		for p, id := range ids {
			l.items[id].pos = float64(p)
		}
	}
	bary := func(ids []int, nb func(*svgItem) []int) {
		for _, id := range ids {
			it := l.items[id]
			ns := nb(it)
			if len(ns) == 0 {
				continue
			}
			s := 0.0
			for _, o := range ns {
				s += l.items[o].pos
			}
			it.pos = s / float64(len(ns))
		}
		sort.SliceStable(ids, func(a, b int) bool { return l.items[ids[a]].pos < l.items[ids[b]].pos })
		for p, id := range ids {
			l.items[id].pos = float64(p)
		}
	}
	for sweep := 0; sweep < 4; sweep++ {
		for y := 1; y < nLayers; y++ {
			bary(byLayer[y], func(it *svgItem) []int { return it.up })
		}
		for y := nLayers - 2; y >= 0; y-- {
			bary(byLayer[y], func(it *svgItem) []int { return it.down })
		}
	}
	// x: packed, then pulled towards the neighbours' centres while keeping the order and the gaps
	for _, ids := range byLayer {
		x := 0.0
		for _, id := range ids {
			it := l.items[id]
			it.x = x + it.w/2
			x += it.w + svgGapX
		}
	}
	place := func(ids []int, nb func(*svgItem) []int) {
		if len(ids) == 0 {
			return
		}
		want := make([]float64, len(ids))
		for p, id := range ids {
			it := l.items[id]
			want[p] = it.x
			if ns := nb(it); len(ns) > 0 {
				s := 0.0
				for _, o := range ns {
					s += l.items[o].x
				}
				want[p] = s / float64(len(ns))
			}
		}
		left := make([]float64, len(ids))
		for p, id := range ids {
			left[p] = want[p]
			if p > 0 {
				left[p] = math.Max(left[p], left[p-1]+(l.items[ids[p-1]].w+l.items[id].w)/2+svgGapX)
			}
		}
		right := make([]float64, len(ids))
		for p := len(ids) - 1; p >= 0; p-- {
			right[p] = want[p]
			if p < len(ids)-1 {
				right[p] = math.Min(right[p], right[p+1]-(l.items[ids[p+1]].w+l.items[ids[p]].w)/2-svgGapX)
			}
		}
		// the mean of the two, then the gaps enforced once more from the left
		for p, id := range ids {
			x := (left[p] + right[p]) / 2
			if p > 0 {
				prev := l.items[ids[p-1]]
				x = math.Max(x, prev.x+(prev.w+l.items[id].w)/2+svgGapX)
			}
			l.items[id].x = x
		}
	}
	for sweep := 0; sweep < 6; sweep++ {
		for y := 1; y < nLayers; y++ {
			place(byLayer[y], func(it *svgItem) []int { return it.up })
		}
		for y := nLayers - 2; y >= 0; y-- {
			place(byLayer[y], func(it *svgItem) []int { return it.down })
		}
	}
	// groups: how many begin above each layer and end below it, for the room their titles take
	depthOf := func(i int) int {
		d := 0
		for p := g.Nodes[i].Parent; p >= 0; p = g.Nodes[p].Parent {
			d++
		}
		return d
	}
	opens := make([]int, nLayers)
	closes := make([]int, nLayers)
	var groups []int
	for i, nd := range g.Nodes {
		if !nd.Group {
			continue
		}
		groups = append(groups, i)
		lo, hi := nLayers, -1
		for _, v := range leaves(i) {
			lo, hi = min(lo, layer[v]), max(hi, layer[v])
		}
		if hi >= 0 {
			opens[lo]++
			closes[hi]++
		}
	}
	l.layerY = make([]float64, nLayers)
	y := svgMargin
	for k := 0; k < nLayers; k++ {
		y += float64(opens[k]) * (svgGroupHead + svgGroupPad)
		l.layerY[k] = y
		y += svgNodeH + float64(closes[k])*svgGroupPad + svgGapY
	}
	l.height = y - svgGapY + svgMargin
	// the edges' paths, and the shapes on them (which may reach past the boxes on the right)
	labelEnd := map[int]float64{} // link index: where its shape's text ends
	for _, c := range chains {
		lk := links[c.link]
		if !lk.drawn {
			continue
		}
		p := svgPath{from: lk.from, shape: lk.shape}
		for j, id := range c.items {
			it := l.items[id]
			top := l.layerY[it.layer]
			switch {
			case j == 0:
				p.pts = append(p.pts, [2]float64{it.x, top + svgNodeH})
			case j == len(c.items)-1:
				p.pts = append(p.pts, [2]float64{it.x, top})
			default:
				p.pts = append(p.pts, [2]float64{it.x, top}, [2]float64{it.x, top + svgNodeH})
			}
		}
		if lk.shape != "" {
			// just under the source (and the groups that end with it), right of the line
			p.label = [2]float64{p.pts[0][0] + 5, p.pts[0][1] + float64(closes[layer[lk.from]])*svgGroupPad + 13}
			labelEnd[c.link] = p.label[0] + float64(textWidth(lk.shape))*10*svgCharW
		}
		l.paths = append(l.paths, p)
	}
	// shift so that the leftmost box starts at the margin, and size the picture
	minX, maxX := math.Inf(1), math.Inf(-1)
	for _, it := range l.items {
		minX = math.Min(minX, it.x-it.w/2)
		maxX = math.Max(maxX, it.x+it.w/2)
	}
	// group boxes, innermost first so that an outer box contains the inner ones
	sort.SliceStable(groups, func(a, b int) bool { return depthOf(groups[a]) > depthOf(groups[b]) })
	for _, gi := range groups {
		x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, c := range children[gi] {
			var b [4]float64
			if g.Nodes[c].Group {
				b = l.groupBox[c]
			} else {
				it := l.items[item[c]]
				b = [4]float64{it.x - it.w/2, l.layerY[it.layer], it.x + it.w/2, l.layerY[it.layer] + svgNodeH}
			}
			x0, y0, x1, y1 = math.Min(x0, b[0]), math.Min(y0, b[1]), math.Max(x1, b[2]), math.Max(y1, b[3])
		}
		for k, end := range labelEnd {
			if g.Inside(links[k].from, gi) && g.Inside(links[k].to, gi) {
				x1 = math.Max(x1, end)
			}
		}
		title := float64(textWidth(cutName(g.Nodes[gi].Name)+" · "+g.Nodes[gi].Detail()))*svgDetailSize*svgCharW + 16
		x1 = math.Max(x1, x0+title-2*svgGroupPad)
		l.groupBox[gi] = [4]float64{x0 - svgGroupPad, y0 - svgGroupPad - svgGroupHead, x1 + svgGroupPad, y1 + svgGroupPad}
		minX, maxX = math.Min(minX, x0-svgGroupPad), math.Max(maxX, x1+svgGroupPad)
	}
	for i := len(groups) - 1; i >= 0; i-- {
		l.groupOrder = append(l.groupOrder, groups[i])
	}
	for _, end := range labelEnd {
		maxX = math.Max(maxX, end)
	}
	dx := svgMargin - minX
	for _, it := range l.items {
		it.x += dx
	}
	for gi, b := range l.groupBox {
		l.groupBox[gi] = [4]float64{b[0] + dx, b[1], b[2] + dx, b[3]}
	}
	for i := range l.paths {
		for k := range l.paths[i].pts {
			l.paths[i].pts[k][0] += dx
		}
		l.paths[i].label[0] += dx
	}
	l.width = maxX - minX + 2*svgMargin
	return l
}

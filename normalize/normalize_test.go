package normalize

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// texts gives the table view's lines of src, one string a line; fences show as "```".
func texts(src string) []string {
	var out []string
	for _, l := range Normalize(src).Lines {
		if l.Fence {
			out = append(out, "```")
			continue
		}
		out = append(out, l.Text)
	}
	return out
}

type kindCase struct {
	name string
	in   string
	want []string
}

func runKind(t *testing.T, cases []kindCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := texts(c.in)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("Normalize(%q):\n got %q\nwant %q", c.in, got, c.want)
			}
		})
	}
}

func TestLineBreaks(t *testing.T) {
	runKind(t, []kindCase{
		{"crlf", "a b\r\nc d\r\n", []string{"a b", "c d"}},
		{"lone-cr", "a\rb\n", []string{"a", "b"}},
		{"no-final-newline", "a\nb", []string{"a", "b"}},
		{"blank-lines-kept", "a\n\n\nb\n", []string{"a", "", "", "b"}},
		{"line-separator", "a b\u2028c d\u2028", []string{"a b", "c d", ""}},
		{"paragraph-separator", "a\u2029b", []string{"a", "", "b"}},
		{"vertical-tab", "a\vb\n", []string{"a", "b"}},
	})
}

func TestCharacters(t *testing.T) {
	runKind(t, []kindCase{
		{"tab", "a\tb", []string{"a       b"}},
		{"tab-at-stop-gives-two", "abcdefg\tb", []string{"abcdefg  b"}},
		{"nbsp", "dense\u00a0(Dense)\u2009x", []string{"dense (Dense) x"}},
		{"zero-width", "den\u200bse\ufeff (Dense)\u00ad", []string{"dense (Dense)"}},
		{"bidi-controls", "\u2067\u202adense (Dense)  (None, 3)  12\u202c\u2069\u200f", []string{"dense (Dense)  (None, 3)  12"}},
		{"ansi-csi", "\x1b[1mModel: \"m\"\x1b[0m \x1b[38;5;34m12\x1b[0m", []string{`Model: "m" 12`}},
		{"ansi-osc", "\x1b]8;;http://x\x07link\x1b]8;;\x07", []string{"link"}},
		{"ansi-without-esc", "[1mTotal params:[0m 5", []string{"Total params: 5"}},
		{"shape-is-not-ansi", "[(None, 32)] [null,4]", []string{"[(None, 32)] [null,4]"}},
		{"entities", "&lt;snip&gt; a&nbsp;b &#160;c &#x27;d&#39; &amp;nbsp;", []string{"<snip> a b  c 'd' &nbsp;"}},
		{"unknown-entity-stays", "a &foo; b", []string{"a &foo; b"}},
		{"full-width", "dense （Dense）  （None，64）\nTotal params：5", []string{"dense (Dense)  (None,64)", "Total params:5"}},
		{"smart-quotes", "Model: “sequential”", []string{`Model: "sequential"`}},
		{"ligatures", "ﬂatten_1 (Flatten) conﬁg ﬀ", []string{"flatten_1 (Flatten) config ff"}},
		{"mojibake", "â”ƒ Layer (type) â”ƒ\nâ”‚ batch_normalizatâ€¦ â”‚", []string{"┃ Layer (type) ┃", "│ batch_normalizat… │"}},
		{"latin-1-kept", "café (Dense)", []string{"café (Dense)"}},
		{"mojibake-cp437", "Γöâ Layer (type) Γöâ\nΓöé batch_normalizatΓÇª Γöé", []string{"┃ Layer (type) ┃", "│ batch_normalizat… │"}},
		{"mojibake-cp850", "Ôöâ Layer (type) Ôöâ", []string{"┃ Layer (type) ┃"}},
		{"greek-kept", "Γάμμα (Dense)", []string{"Γάμμα (Dense)"}},
		{"control", "a\x01b\x7fc", []string{"a bc"}},
		{"invalid-utf8", "a\xffb", []string{"a?b"}},
	})
}

func TestHTML(t *testing.T) {
	runKind(t, []kindCase{
		{"cell-per-line", "<table>\n  <tr>\n    <th>Layer (type)</th>\n    <th>Param #</th>\n  </tr>\n  <tr>\n    <td>dense (Dense)</td>\n    <td>\n      20\n    </td>\n  </tr>\n</table>\n",
			[]string{"│ Layer (type) │ Param # │", "│ dense (Dense) │ 20 │"}},
		{"row-per-line", "<tr><td>a (A)</td><td>(None, 4)</td><td>20</td></tr>\n<tr><td>b (B)</td><td>(None, 2)</td><td>10</td></tr>\n",
			[]string{"│ a (A) │ (None, 4) │ 20 │", "│ b (B) │ (None, 2) │ 10 │"}},
		{"minified", "<table><tr><td>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></table>",
			[]string{"│ a │ 1 │", "│ b │ 2 │"}},
		{"unclosed-cells", "<tr><td>a<td>1\n<tr><td>b<td>2\n</table>", []string{"│ a │ 1 │", "│ b │ 2 │"}},
		{"br-joined", "Total params: 5<br>Trainable params: 5<br/>Non-trainable params: 0", []string{"Total params: 5", "Trainable params: 5", "Non-trainable params: 0"}},
		{"paragraphs", "  <p>a</p>\n  <p>b</p>\n\n<p>c</p>", []string{"a", "b", "", "c"}},
		{"inline-tags", `<span class="x"><b>dense</b> (Dense)</span>`, []string{"dense (Dense)"}},
		{"strong-label", "<strong>Total params:</strong> 32,021,198 (122.15 MB)<br/>", []string{"Total params: 32,021,198 (122.15 MB)"}},
		{"comment-and-script", "a<!-- x\ny -->b\n<script>var a = '<td>';</script>c", []string{"a x", "y b", "c"}},
		{"unclosed-row", "<tr><td>a</td><td>1</td>\nTotal params: 5\n", []string{"│ a │ 1 │", "Total params: 5"}},
		{"not-a-tag", "<snip> a < b <3", []string{"<snip> a < b <3"}},
		{"entity-after-tags", "<td>&lt;td&gt;</td>", []string{"│ <td> │"}},
		{"pre", "<pre>dense (Dense)   (None, 4)   20\nflat (Flatten)   (None, 4)   0</pre>", []string{"dense (Dense)   (None, 4)   20", "flat (Flatten)   (None, 4)   0"}},
	})
}

func TestQuotingAndPrompts(t *testing.T) {
	runKind(t, []kindCase{
		{"pointer-arrows", "--> dense_1 (Dense)   (None, 128)   163968\n=> d (Dense)  (None, 4)  20\n→ x\n-->no-space stays",
			[]string{"dense_1 (Dense)   (None, 128)   163968", "d (Dense)  (None, 4)  20", "x", "-->no-space stays"}},
		{"quote", "> a  b\n>\n> c", []string{"a  b", "", "c"}},
		{"nested-quote", "> > a\n>> b\n>>> c", []string{"a", "b", "c"}},
		{"quote-keeps-alignment", "> x   (None, 4)\n> yy  (None, 4)", []string{"x   (None, 4)", "yy  (None, 4)"}},
		{"comment", "# dense (Dense)\n// b\n#> c\n## d\n-- e\n#' f", []string{"dense (Dense)", "b", "c", "d", "e", "f"}},
		{"ipython", "In [3]: model.summary()\nOut[3]: x\n   ...: y", []string{"model.summary()", "x", "y"}},
		{"shell", "$ python a.py\n% x", []string{"python a.py", "x"}},
		{"list-markers", "- Total params: 5\n* b\n+ c\n1. d\n• f", []string{"Total params: 5", "b", "c", "d", "f"}},
		{"wrapped-cell-is-no-list-item", "                    32)     ", []string{"                    32)     "}},
		{"rules-are-not-markers", "-----\n=====\n_____", []string{"-----", "=====", "_____"}},
		{"heading", "## Model: \"m\"", []string{`Model: "m"`}},
		{"indent-kept", "    dense (Dense)", []string{"    dense (Dense)"}},
		{"python-logging", "INFO:root:Model: \"m\"\nINFO:root: dense (Dense)  (None, 4)  20", []string{`Model: "m"`, " dense (Dense)  (None, 4)  20"}},
		{"logging-timestamp", "2024-01-01 12:00:00,123 - root - INFO - Total params: 5\n2024-01-01 12:00:01,001 - root - INFO -  dense (Dense)",
			[]string{"Total params: 5", " dense (Dense)"}},
		{"bracketed-time", "[12:00:00] INFO: Total params: 5\n[2024-06-19T18:58:39Z] x", []string{"Total params: 5", "x"}},
		{"pipe-separated-time", "2024-06-19 18:58:39 | Logger initialized.", []string{"Logger initialized."}},
		{"absl", "I0101 12:00:00.123456 140 train.py:42] Total params: 5", []string{"Total params: 5"}},
		{"prose-with-a-date-stays", "2024 was the year", []string{"2024 was the year"}},
		{"tensorflow-native-log-leaves", " x (MaxPooling1D  (None, 2)  0\n2024-01-01 12:00:00.000000: W tensorflow/core/kernels/x.cc:12] slow\n )\nI tensorflow/y.h:3] z",
			[]string{" x (MaxPooling1D  (None, 2)  0", " )"}},
		{"native-log-needs-its-location", "W a line\nE: x.cc:12] y\nI see x.cc:12] now", []string{"W a line", "E: x.cc:12] y", "I see x.cc:12] now"}},
	})
}

func TestRepeatedPrefixes(t *testing.T) {
	runKind(t, []kindCase{
		{"cut-class-layer-is-no-header", "layer_normalization_1000 (Layer (None, 50, 64)  128  add[0][0]\nlayer_normalization_1001 (Layer (None, 50, 64)  128  add_1[0][0]\nlayer_normalization_999 (LayerN (None, 50, 64)  128  add_2[0][0]",
			[]string{"layer_normalization_1000 (Layer (None, 50, 64)  128  add[0][0]", "layer_normalization_1001 (Layer (None, 50, 64)  128  add_1[0][0]", "layer_normalization_999 (LayerN (None, 50, 64)  128  add_2[0][0]"}},
		{"container-log", "trainer-1  | Model: \"m\"\ntrainer-1  | ______________\ntrainer-1  |  dense (Dense)  (None, 4)  20\ntrainer-1  | Total params: 20\n",
			[]string{`Model: "m"`, "______________", " dense (Dense)  (None, 4)  20", "Total params: 20"}},
		{"numbers-change", "12.3s\t40\tModel: \"m\"\n12.3s\t41\t______________\n12.4s\t100\tTotal params: 20\n",
			[]string{`Model: "m"`, "______________", "Total params: 20"}},
		{"message-logged-once", "12:00:01 | INFO | run:9 - Model: \"m\"\n┏━━━━━━┓\n┃ a ┃\n12:00:02 | INFO | run:9 -  Total params: 20\n",
			[]string{`Model: "m"`, "┏━━━━━━┓", "┃ a ┃", " Total params: 20"}},
		{"org-results", ": Model: \"m\"\n: ____________\n:\n: Total params: 5", []string{`Model: "m"`, "____________", "", "Total params: 5"}},
		{"one-line-is-no-prefix", "see Model: \"m\"\nsee here", []string{`see Model: "m"`, "see here"}},
		{"comment-marker", "-- Model: \"m\"\n-- ______________\n-- Layer (type)  Param #\n-- ==============\n-- Total params: 5",
			[]string{`Model: "m"`, "______________", "Layer (type)  Param #", "==============", "Total params: 5"}},
		{"two-lines-of-punctuation-are-no-prefix", "~> Model: \"m\"\n~> ______________", []string{`~> Model: "m"`, "~> ______________"}},
		{"console-source-at-the-right", "__________________    main.js:27:11\nLayer (type)  Param #   main.js:27:12\n__________________    main.js:28:3\na (Dense)  20        main.js:28:4",
			[]string{"__________________", "Layer (type)  Param #", "__________________", "a (Dense)  20"}},
		{"box-border-is-no-prefix", "┃ Layer (type) ┃\n│ a │\n┃ Layer (type) ┃", []string{"┃ Layer (type) ┃", "│ a │", "┃ Layer (type) ┃"}},
		{"flattened-rows-are-no-prefix", "  d_1 (Dense) (None, 1) 17 __________\n  d_2 (Dense) (None, 1) 17 __________",
			[]string{"  d_1 (Dense) (None, 1) 17 ", "__________", "  d_2 (Dense) (None, 1) 17 ", "__________"}},
	})
}

func TestMarkdown(t *testing.T) {
	runKind(t, []kindCase{
		{"bold", "**Total params:** 79,434", []string{"Total params: 79,434"}},
		{"bold-name", "**conv2d_3** (Conv2D)", []string{"conv2d_3 (Conv2D)"}},
		{"underscore-bold", "__Total params:__ 5", []string{"Total params: 5"}},
		{"names-keep-underscores", "max_pooling2d__1 _x dense_1", []string{"max_pooling2d__1 _x dense_1"}},
		{"emphasis-whole-line", "_Total params: 12,800,906_", []string{"Total params: 12,800,906"}},
		{"emphasis-star", "*dense (Dense)*", []string{"dense (Dense)"}},
		{"code-span", "`dense (Dense)`  `(None, 4)`  `20`", []string{"dense (Dense)  (None, 4)  20"}},
		{"escapes", `dense\_1 (Dense) \[x\] \*`, []string{"dense_1 (Dense) [x] *"}},
		{"stars-rule-stays", "***", []string{"***"}},
		{"rules-stay", "__________", []string{"__________"}},
		{"strike", "~~a~~", []string{"a"}},
		{"hard-break-backslash", "dense (Dense)  (None, 4)  20\\", []string{"dense (Dense)  (None, 4)  20"}},
		{"hard-break-after-rule", "\\_\\_\\_\\_\\_\\", []string{"_____"}},
		{"escaped-backslash-stays", `a \\`, []string{`a \`}},
	})
}

func TestFences(t *testing.T) {
	runKind(t, []kindCase{
		{"bare", "```\na\n```", []string{"```", "a", "```"}},
		{"language", "```python\na\n~~~text", []string{"```", "a", "```"}},
		{"glued-front", "```Model: \"m\"\na", []string{`Model: "m"`, "a"}},
		{"glued-end", "Non-trainable params: 0```", []string{"Non-trainable params: 0"}},
		{"glued-both", "```Total params: 5```", []string{"Total params: 5"}},
	})
}

// TestBlockTagsGlued: a forum's or a wiki's code-block and quote tags glued to a table's first or
// last line, as typed around a paste; other bracketed text stays.
func TestBlockTagsGlued(t *testing.T) {
	runKind(t, []kindCase{
		{"bbcode", "[code]dense (Dense)  (None, 4)  20\nTotal params: 20[/code]", []string{"dense (Dense)  (None, 4)  20", "Total params: 20"}},
		{"bbcode-language", "[CODE=python]Model: \"m\"", []string{`Model: "m"`}},
		{"bbcode-quote", "[quote=\"someone\"]Model: \"m\"\nNon-trainable params: 0[/quote]", []string{`Model: "m"`, "Non-trainable params: 0"}},
		{"confluence", "{code:title=summary}Model: \"m\"\nTotal params: 5{code}", []string{`Model: "m"`, "Total params: 5"}},
		{"noformat", "{noformat}Model: \"m\"{noformat}", []string{`Model: "m"`}},
		{"other-brackets-stay", "x[0][0]  [coder]  {codec}", []string{"x[0][0]  [coder]  {codec}"}},
	})
}

func TestPipeTables(t *testing.T) {
	runKind(t, []kindCase{
		{"outer-pipes", "| Layer (type) | Param # |\n|---|:---:|\n| d (Dense) | 20 |",
			[]string{"│ Layer (type) │ Param # │", "┡━━━┩", "│ d (Dense) │ 20 │"}},
		{"no-outer-pipes", "Layer (type) | Output | Param #\n--- | --- | ---\nd (Dense) | (None, 4) | 20",
			[]string{"│ Layer (type) │ Output │ Param # │", "┡━━━┩", "│ d (Dense) │ (None, 4) │ 20 │"}},
		{"half-outer", "Layer (type)   |Output   | Param #    | Connected to   ",
			[]string{"│ Layer (type)   │Output   │ Param #    │ Connected to    │"}},
		{"escaped-pipe", `| a \| b | c |`, []string{"│ a | b │ c │"}},
		{"bold-cells", "| **d** (Dense) | `20` |", []string{"│ d (Dense) │ 20 │"}},
		{"nested-tf-row-is-not-a-table", "| conv2d (Conv2D)   (None, 8)   448   |\n|| x (X)  (None, 8)  4 ||",
			[]string{"| conv2d (Conv2D)   (None, 8)   448   |", "|| x (X)  (None, 8)  4 ||"}},
		{"totals-in-cells", "| Total params: | 266,610 |", []string{"│ Total params: │ 266,610 │"}},
		{"quoted-pipe-table", "> | a | b |", []string{"│ a │ b │"}},
		{"bar-quoted-summary", "| Model: \"m\"\n| ______\n| Layer (type)  Param #\n|\n| d (Dense)     20\n| Total params: 20",
			[]string{`Model: "m"`, "______", "Layer (type)  Param #", "", "d (Dense)     20", "Total params: 20"}},
		{"bar-quoted-pipe-table", "| Some prose.\n|\n| | a | b |\n| |---|---|\n| | d (Dense) | 20 |\n| More prose.",
			[]string{"Some prose.", "", "│ a │ b │", "┡━━━┩", "│ d (Dense) │ 20 │", "More prose."}},
		{"bar-quoted-nested-row", "| Total params: 5\n| | conv2d (Conv2D)   (None, 8)   448   |\n| Trainable params: 5",
			[]string{"Total params: 5", "| conv2d (Conv2D)   (None, 8)   448   |", "Trainable params: 5"}},
		{"wiki-cells-are-not-bar-quoted", "|-\n| input_layer (InputLayer)\n| (32, 8)\n| 0\n|-",
			[]string{"┡━━━┩", "| input_layer (InputLayer)", "| (32, 8)", "| 0", "┡━━━┩"}},
		{"pipe-rows-are-not-bar-quoted", "| a | b |\n|---|---|\n| d (Dense) | 20 |\n| e (Dense) | 30 |",
			[]string{"│ a │ b │", "┡━━━┩", "│ d (Dense) │ 20 │", "│ e (Dense) │ 30 │"}},
		{"wiki-doubled-pipe-header", "||Layer (type)||Param #||\n|d (Dense)|20|",
			[]string{"│Layer (type)│Param #│", "│d (Dense)│20│"}},
		{"doubled-pipes-at-edges-only-stay", "|| x (X)  (None, 8)  4 ||", []string{"|| x (X)  (None, 8)  4 ||"}},
	})
}

func TestStringLiterals(t *testing.T) {
	runKind(t, []kindCase{
		{"notebook-json", "    \"Model: \\\"m\\\"\\n\",\n    \" dense (Dense)  (None, 4)  20\\n\"", []string{`Model: "m"`, " dense (Dense)  (None, 4)  20"}},
		{"repr", `'Model: "m"\n______________\nTotal params: 5\nTrainable params: 5\n'`, []string{`Model: "m"`, "______________", "Total params: 5", "Trainable params: 5", ""}},
		{"prose-with-one-escape-stays", `a \n b`, []string{`a \n b`}},
		{"json-lines-log", `{"stream_name": "stdout", "time": 1.5, "data": "Model: \"m\"\n"},` + "\n" + `{"stream_name": "stdout", "time": 1.6, "data": "Total params: 5\n"}]`,
			[]string{`Model: "m"`, "Total params: 5"}},
		{"assignment-is-no-json", `x = "a\n"`, []string{`x = "a\n"`}},
		{"escaped-ansi", `"\u001b[1m Total params: \u001b[0m\u001b[38;5;34m5\u001b[0m (20.00 B)\n"`, []string{" Total params: 5 (20.00 B)"}},
	})
}

// A notebook keeps a Keras 3 summary as several outputs (title, table, each totals line), each in
// two forms: the JSON between them and the HTML form are no part of the table view.
func TestNotebookOutputs(t *testing.T) {
	nb := `   "outputs": [
    {
     "data": {
      "text/html": [
       "<pre style=\"white-space:pre\"><span style=\"font-weight: bold\">Model: \"m\"</span>\n",
       "</pre>\n"
      ],
      "text/plain": [
       "\u001b[1mModel: \"m\"\u001b[0m\n"
      ]
     },
     "metadata": {},
     "output_type": "display_data"
    },
    {
     "data": {
      "text/plain": [
       "\u001b[1m Total params: \u001b[0m\u001b[38;5;34m5\u001b[0m (20.00 B)\n"
      ],
      "text/html": [
       "<pre style=\"white-space:pre\"><span style=\"font-weight: bold\"> Total params: </span>5 (20.00 B)\n",
       "</pre>\n"
      ]
     },
     "metadata": {},
     "output_type": "display_data"
    }
   ],`
	runKind(t, []kindCase{
		{"display-data", nb, []string{`   "outputs": [`, "    {", `     "data": {`, `      "text/plain": [`, `Model: "m"`, " Total params: 5 (20.00 B)", "      ],", "     },", `     "metadata": {},`, `     "output_type": "display_data"`, "    }", "   ],"}},
		{"html-alone-stays", "\"text/html\": [\n \"<b>Total params: 5</b>\\n\"\n]", []string{`"text/html": [`, "Total params: 5", "]"}},
	})
}

func TestGutters(t *testing.T) {
	runKind(t, []kindCase{
		{"numbered", "1  Model: \"m\"\n2  ____\n3   dense (Dense)  (None, 4)  20", []string{`Model: "m"`, "____", " dense (Dense)  (None, 4)  20"}},
		{"bar-gutter", " 9 | a\n10 | b\n11 | c", []string{"a", "b", "c"}},
		{"two-numbered-lines-stay", "1 a\n2 b", []string{"1 a", "2 b"}},
		{"counts-are-no-gutter", "256\n0\n645", []string{"256", "0", "645"}},
		{"quoted-numbered-commented", ">  1  # a\n>  2  # b\n>  3  # c", []string{"a", "b", "c"}},
		{"unpadded-glued", "9:│ a   │ 1 │\n10:│ bb  │ 2 │\n11: x\n12:  y", []string{"│ a   │ 1 │", "│ bb  │ 2 │", " x", "  y"}},
		{"padded-glued", " 9:│ a │\n10:│ b │\n11:│ c │", []string{"│ a │", "│ b │", "│ c │"}},
	})
}

func TestLaTeX(t *testing.T) {
	runKind(t, []kindCase{
		{"tabular", "\\hline\n\\textbf{Layer (type)} & Output Shape & Param \\# \\\\\nconv2d\\_1 (Conv2D) & (None, 26, 26, 32) & 320 \\\\ \\hline",
			[]string{"-------------------------", "│ Layer (type) │ Output Shape │ Param # │", "│ conv2d_1 (Conv2D) │ (None, 26, 26, 32) │ 320 │"}},
	})
}

func TestCSV(t *testing.T) {
	runKind(t, []kindCase{
		{"export", "Layer (type),Output Shape,Param #\nconv2d_1 (Conv2D),\"(None, 26, 26, 32)\",320\nd (Dense),multiple,\"1,290\"",
			[]string{"│ Layer (type) │ Output Shape │ Param # │", "│ conv2d_1 (Conv2D) │ (None, 26, 26, 32) │ 320 │", "│ d (Dense) │ multiple │ 1,290 │"}},
		{"cut-class-and-glued-fence", "```p (MaxPooling1,\"(None, 20, 64)\",0```",
			[]string{"│ p (MaxPooling1 │ (None, 20, 64) │ 0 │"}},
		{"totals-are-one-number", "a (Dense),\"(None, 4)\",20\nTotal params: 1,164,869",
			[]string{"│ a (Dense) │ (None, 4) │ 20 │", "Total params: 1,164,869"}},
		{"prose-with-commas", "I tried Conv2D, Dense, and Dropout, with (3, 3) kernels, 32 filters",
			[]string{"I tried Conv2D, Dense, and Dropout, with (3, 3) kernels, 32 filters"}},
		{"printed-row-is-no-record", "dense_1 (Dense)              (None, 128)               163968",
			[]string{"dense_1 (Dense)              (None, 128)               163968"}},
		{"unquoted-shape-alone-is-no-record", "a (Dense),(None, 4),20",
			[]string{"a (Dense),(None, 4),20"}},
	})
}

func TestUTF16(t *testing.T) {
	runKind(t, []kindCase{
		{"little-endian-bom", "\xff\xfeT\x00o\x00t\x00a\x00l\x00:\x00 \x005\x00\n\x00\x1f\x25", []string{"Total: 5", "┟"}},
		{"big-endian-bom", "\xfe\xff\x00T\x00o\x00t\x00a\x00l\x00:\x00 \x005", []string{"Total: 5"}},
		{"little-endian-no-bom", "T\x00o\x00t\x00a\x00l\x00:\x00 \x005\x00", []string{"Total: 5"}},
		{"one-nul-is-no-utf16", "Total:\x00 5 and more text", []string{"Total:  5 and more text"}},
	})
}

func TestBBCodeTables(t *testing.T) {
	runKind(t, []kindCase{
		{"row-per-line", "[table]\n[tr][th]Layer (type)[/th][th]Param #[/th][/tr]\n[TR][TD]d (Dense)[/TD][TD]20[/TD][/TR]\n[/table]",
			[]string{"│ Layer (type) │ Param # │", "│ d (Dense) │ 20 │"}},
		{"other-brackets-stay", "x[i] = [b]5[/b] [td", []string{"x[i] = [b]5[/b] [td"}},
	})
}

func TestMediaWikiTables(t *testing.T) {
	runKind(t, []kindCase{
		{"cell-per-line", "{| class=\"wikitable\"\n! Layer (type)\n! Param #\n|-\n| d (Dense)\n| 20\n|}",
			[]string{"│ Layer (type) │ Param # │", "│ d (Dense) │ 20 │"}},
		{"row-per-line", "{|\n! Layer (type) !! Param #\n|-\n| d (Dense) || 20\n|}",
			[]string{"│ Layer (type)  │ Param # │", "│ d (Dense)  │ 20 │"}},
		{"no-block-no-table", "| conv2d (Conv2D)  (None, 8)  448 |", []string{"| conv2d (Conv2D)  (None, 8)  448 |"}},
	})
}

func TestCSVSemicolons(t *testing.T) {
	runKind(t, []kindCase{
		{"records", "Layer (type);Output Shape;Param #\nd (Dense);(None, 4);20",
			[]string{"│ Layer (type) │ Output Shape │ Param # │", "│ d (Dense) │ (None, 4) │ 20 │"}},
		{"prose-stays", "first; second; third", []string{"first; second; third"}},
	})
}

func TestBoxLostToQuestionMarks(t *testing.T) {
	border := strings.Repeat("?", 45)
	rule := func(l, j, r, line string) string {
		return l + strings.Repeat(line, 18) + j + strings.Repeat(line, 14) + j + strings.Repeat(line, 9) + r
	}
	runKind(t, []kindCase{
		{"walls-names-nesting-unbuilt", border + "\n? Layer (type)     ? Output Shape ? Param # ?\n" + border +
			"\n? layer_normaliza? ? (None, 4)    ?       8 ?\n" + border + "\n?    ? d (Dense)   ? ?            ?       0 ?\n" + border,
			[]string{rule("┏", "┳", "┓", "━"), "┃ Layer (type)     ┃ Output Shape ┃ Param # ┃", rule("┡", "╇", "┩", "━"),
				"│ layer_normaliza… │ (None, 4)    │       8 │", rule("├", "┼", "┤", "─"),
				"│    └ d (Dense)   │ ?            │       0 │", rule("└", "┴", "┘", "─")}},
		{"prose-questions-stay", "Why?? " + strings.Repeat("?", 25) + "\nWhat is this ? and this ?",
			[]string{"Why?? " + strings.Repeat("?", 25), "What is this ? and this ?"}},
	})
}

func TestThousandsSpaces(t *testing.T) {
	runKind(t, []kindCase{
		{"narrow-no-break", "Total params: 1\u202f164\u202f869", []string{"Total params: 1,164,869"}},
		{"thin", "│ 163\u2009968 │", []string{"│ 163,968 │"}},
		{"not-three-digits", "(None,\u202f64)  1\u202f28", []string{"(None, 64)  1 28"}},
		{"no-digit-before", "a\u202f128", []string{"a 128"}},
	})
}

func TestDiffHunks(t *testing.T) {
	runKind(t, []kindCase{
		{"added", "@@ -0,0 +1,3 @@\n+Model: \"m\"\n+\n+Total params: 5\n+1 after the hunk",
			[]string{"@@ -0,0 +1,3 @@", `Model: "m"`, "", "Total params: 5", "+1 after the hunk"}},
		{"changed", "@@ -1,2 +1,2 @@\n d (Dense)  (None, 4)  20\n-Total params: 21\n+Total params: 20",
			[]string{"@@ -1,2 +1,2 @@", "d (Dense)  (None, 4)  20", "Total params: 20"}},
		{"no-header-no-hunk", "+ a\n- b", []string{"a", "b"}},
		{"indented", "    @@ -1 +1 @@\n    +d (Dense)  (None, 4)  20", []string{"    @@ -1 +1 @@", "    d (Dense)  (None, 4)  20"}},
	})
}

func TestFlattened(t *testing.T) {
	runKind(t, []kindCase{
		{"one-line", `Model: "s" ______________ Layer (type)  Output Shape  Param # ============== d (Dense)  (None, 4)  20 ============== Total params: 20 Trainable params: 20 Non-trainable params: 0 ______________`,
			[]string{`Model: "s" `, "______________", "Layer (type)  Output Shape  Param #", "==============", " d (Dense)  (None, 4)  20 ", "==============",
				"Total params: 20 ", "Trainable params: 20 ", "Non-trainable params: 0 ", "______________"}},
		{"header-glued-to-row", "Layer (type)  Output Shape  Param #  Connected toinput_1 (InputLayer)  (None, 3)  0",
			[]string{"Layer (type)  Output Shape  Param #  Connected to", "input_1 (InputLayer)  (None, 3)  0"}},
		{"prose-naming-the-header-stays", "the Layer (type) column, and Output Shape", []string{"the Layer (type) column, and Output Shape"}},
		{"header-run-into-row", "Layer (type) Output Shape Param # d (Dense) (None, 4) 20", []string{"Layer (type) Output Shape Param #", " d (Dense) (None, 4) 20"}},
		{"totals-in-prose", "the summary ends with Total params: 5 as expected", []string{"the summary ends with ", "Total params: 5 as expected"}},
	})
}

func TestBoxLinesBroken(t *testing.T) {
	runKind(t, []kindCase{
		{"tail-on-next-line", "│ dense (Dense) │ (None, 64) │\n2,112 │ input[0][0] │\n├──┼──┤", []string{"│ dense (Dense) │ (None, 64) │ 2,112 │ input[0][0] │", "├──┼──┤"}},
		{"lone-border", "│ a │ b\n│\n│ c │ d │", []string{"│ a │ b │", "│ c │ d │"}},
		{"three-pieces", "│ a │\n(None, 4) │\n0 │", []string{"│ a │ (None, 4) │ 0 │"}},
		{"next-row-stays", "│ a │ b │\n│ c │ d │", []string{"│ a │ b │", "│ c │ d │"}},
	})
}

func TestPipeRowsBroken(t *testing.T) {
	runKind(t, []kindCase{
		{"ascii-box", "+---+---+---+\n| a | b |\nc |\n| d | e | f |", []string{"+---+---+---+", "│ a │ b │ c │", "│ d │ e │ f │"}},
		{"markdown", "| a | b | c |\n|---|---|---|\n| d | e\n| f |", []string{"│ a │ b │ c │", "┡━━━┩", "│ d │ e │ f │"}},
		{"wrap-marks-at-spaces", "dense (Dense)  (None, 128)\n↪ 163968\nnext", []string{"dense (Dense)  (None, 128) 163968", "next"}},
		{"wrap-marks-fixed-width", strings.Repeat("a", 45) + "1\n↪" + strings.Repeat("b", 44) + "2\n↪3", []string{strings.Repeat("a", 45) + "1" + strings.Repeat("b", 44) + "23"}},
		{"wrap-marks-quoted", "> dense (Dense)  (None, 128)\n> ↪ 163968", []string{"dense (Dense)  (None, 128) 163968"}},
		{"wiki-markup-broken-twice", "||a||b||c||\n|d\ne|f|g\nh|\n|i|j|k|", []string{"│a│b│c│", "│d e│f│g h│", "│i│j│k│"}},
	})
}

func TestDoubled(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 12; i++ {
		b.WriteString("line\n\n")
	}
	b.WriteString("end\n\n\n\nlast\n")
	got := texts(b.String())
	if len(got) != 15 || got[12] != "end" || got[13] != "" || got[14] != "last" {
		t.Errorf("doubled lines: got %q", got)
	}
}

// TestPositions checks that positions lead back to the input, through every kind of repair.
func TestPositions(t *testing.T) {
	cases := []struct {
		in       string
		line     int    // which output line
		find     string // a substring of it
		wantLine int
		wantCol  int
	}{
		{"> > dense (Dense)  20", 0, "20", 1, 20},
		{"a\tb", 0, "b", 1, 3},
		{"x\n\x1b[1mdense\x1b[0m 20", 1, "20", 2, 15},
		{"<tr>\n  <td>dense (Dense)</td>\n  <td>20</td>\n</tr>", 0, "20", 3, 7},
		{"<tr>\n  <td>dense (Dense)</td>\n  <td>20</td>\n</tr>", 0, "dense", 2, 7},
		{"| **d** (Dense) | 20 |", 0, "20", 1, 19},
		{"a\u00a0b 20", 0, "20", 1, 5},
		{"Total params: 5 Trainable params: 5", 1, "5", 1, 35},
		{"in\rTotal params: 7", 1, "7", 1, 18},
		{"a &nbsp; 20", 0, "20", 1, 10},
	}
	for _, c := range cases {
		lines := Normalize(c.in).Lines
		if c.line >= len(lines) {
			t.Errorf("%q: only %d lines", c.in, len(lines))
			continue
		}
		l := lines[c.line]
		off := strings.Index(l.Text, c.find)
		if off < 0 {
			t.Errorf("%q: line %d %q has no %q", c.in, c.line, l.Text, c.find)
			continue
		}
		gl, gc := l.Pos(off)
		if gl != c.wantLine || gc != c.wantCol {
			t.Errorf("%q: %q at %d:%d, want %d:%d", c.in, c.find, gl, gc, c.wantLine, c.wantCol)
		}
	}
}

// TestPlainKeepsCode checks that the code view keeps what Markdown repairs would spoil.
func TestPlainKeepsCode(t *testing.T) {
	src := "def f(**kwargs):  # a comment\n    return __init__\n"
	doc := Normalize(src)
	if doc.Plain[0].Text != "def f(**kwargs):  # a comment" || doc.Plain[1].Text != "    return __init__" {
		t.Errorf("plain view changed code: %q %q", doc.Plain[0].Text, doc.Plain[1].Text)
	}
}

func TestDebugFile(t *testing.T) {
	p := os.Getenv("KX_FILE")
	if p == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(p)
	for _, l := range Normalize(string(b)).Lines {
		fmt.Printf("%3d %q\n", l.No, l.Text)
	}
}

// TestProgressLines: progress bars that another thread drew while the summary printed leave the
// table view; text that only looks like part of one stays.
func TestProgressLines(t *testing.T) {
	runKind(t, []kindCase{
		{"tqdm", "a\n 45%|████▌     | 45/100 [00:02<00:02, 19.87it/s]\nb", []string{"a", "b"}},
		{"tqdm-described-units", "a\nDownloading data: 100%|██████████| 11.5M/11.5M [00:01<00:00, 9.52MB/s]\nb", []string{"a", "b"}},
		{"keras-progbar", "a\n 32/100 [========>.....................] - ETA: 3s - loss: 0.6931\nb", []string{"a", "b"}},
		{"keras-progbar-done", "32/32 [==============================] - 2s 5ms/step - loss: 0.69", nil},
		{"pipe-row-stays", "| dense (Dense) | (None, 10) | 110 |", []string{"│ dense (Dense) │ (None, 10) │ 110 │"}},
		{"fraction-without-bar-stays", "1/2 [None, 3] - x", []string{"1/2 [None, 3] - x"}},
		{"percent-without-counts-stays", "50%|half| of it", []string{"│ 50%│half│ of it │"}}, // read as the pipe cells it shows
	})
}

// TestBullets: a word processor's list bullets before a line, as before a Markdown list's item.
func TestBullets(t *testing.T) {
	runKind(t, []kindCase{
		{"black-circle", "● Total params: 5", []string{"Total params: 5"}},
		{"square", "■ Trainable params: 5", []string{"Trainable params: 5"}},
		{"en-dash", "– Non-trainable params: 0", []string{"Non-trainable params: 0"}},
		{"glued-stays", "●Total", []string{"●Total"}},
	})
}

// TestLostBoxForeignLine: a box lost to "?" is drawn again around a progress bar or a native log
// line that another part of the program wrote between its rows; the foreign line leaves the view.
func TestLostBoxForeignLine(t *testing.T) {
	border := strings.Repeat("?", 40)
	for _, foreign := range []string{
		"Downloading data: 100%|██████████| 11.5M/11.5M [00:01<00:00, 9.52MB/s]",
		"2024-01-01 12:00:00.000000: W tensorflow/core/common_runtime/gpu/gpu_device.cc:1960] Cannot dlopen some GPU libraries.",
	} {
		src := strings.Join([]string{
			border,
			"? Layer (type)     ? Output Shape ?  Param # ?",
			border,
			"? d1 (Dense)       ? (None, 8)    ?       88 ?",
			foreign,
			border,
			"? d2 (Dense)       ? (None, 2)    ?       18 ?",
			border,
		}, "\n")
		var got []string
		for _, l := range Normalize(src).Lines {
			got = append(got, l.Text)
		}
		all := strings.Join(got, "\n")
		if !strings.Contains(all, "│ d2 (Dense)") || !strings.Contains(all, "│ d1 (Dense)") || strings.Contains(all, foreign) {
			t.Errorf("with %q inside the box, the view is:\n%s", foreign, all)
		}
	}
}

// TestPipeTablesAdjacent: a second pipe table typed right under a first one is parted from it by
// an empty line, so that its header does not read as the first table's last row going on.
func TestPipeTablesAdjacent(t *testing.T) {
	runKind(t, []kindCase{
		{"two-tables", "| a | b | c |\n|---|---|---|\n| d | e | f |\n| x | y |\n|---|---|\n| g | h |",
			[]string{"│ a │ b │ c │", "┡━━━┩", "│ d │ e │ f │", "", "│ x │ y │", "┡━━━┩", "│ g │ h │"}},
		{"ascii-box-rows-stay", "| a | b |\n|---+---|\n| c | d |\n| c2 |   |\n|---+---|\n| e | f |",
			[]string{"│ a │ b │", "┡━━━┩", "│ c │ d │", "│ c2 │   │", "┡━━━┩", "│ e │ f │"}},
		{"one-table", "| a | b |\n|---|---|\n| c | d |", []string{"│ a │ b │", "┡━━━┩", "│ c │ d │"}},
	})
}

package grammar

// Format names the era of a summary layout, as contract.md spells it.
type Format string

// The summary layouts kexplain reads.
const (
	Keras1  Format = "keras1"   // Keras 0.x and 1.x: 4 columns, "____" rules, cut cells
	Keras2  Format = "keras2"   // Keras 2.0-2.6, tf.keras <= 2.6: cut cells
	Keras27 Format = "keras2.7" // tf.keras 2.7-2.15: leading space, blank spacers, wrapped cells
	Keras3  Format = "keras3"   // Keras 3: rich box tables
	TFJS    Format = "tfjs"     // TensorFlow.js, with or without "Input Shape"
)

// Document is everything kexplain found in one pasted text.
type Document struct {
	Tables  []*Table   // every model.summary() table, in input order
	Foreign []*Foreign // tables that look like a summary but are not Keras (torchsummary, torchinfo)
	Code    []*Snippet // Keras model-building code
	Numbers []*NumList // runs of bare numbers, one a line (a get_weights() loop's running sums)
	Claims  []*Claim   // hand calculations "a * b + c = n" found in the prose
	Errors  []*Error   // what could not be read, with positions
	Notes   []*Error   // what was seen but is no table: totals under no table
	Empty   []*Error   // a header with no rows under it: no table and no finding, said only when nothing else was read
	Lines   int        // number of lines in the input
	Picture *Picture   // set by the caller when the text was read from a picture by OCR
}

// Table represents one printed model.summary().
type Table struct {
	Format    Format
	Name      string // `Model: "sequential_1"` gives "sequential_1"; "" when absent
	StartLine int    // 1-based first line of the table (title or top rule)
	EndLine   int    // 1-based last line
	Columns   []Column
	Rows      []*Row
	Totals    Totals
	Elided    []int    // lines where the poster left rows out ("...", "…")
	Problems  []*Error // parts of the table that could not be read
	Keras0    bool     // Keras 0.x layout: "Layer (name)", type before name
	Input     Shape    // Keras 0.x "Initial input shape: (None, 784)"; ShapeNone when not printed
	Cropped   bool     // the console cut the right-hand columns (Keras 3 tables wider than it)
	Retyped   bool     // the rows are cells of a Markdown pipe table or an HTML table: retyped or converted by hand, so rows or columns may be missing or reordered
	Partial   string   // why the print itself shows part of the model ("layer_range"), "" when it shows all
	NoHeader  bool     // the table has no header line: cut at the top, or left out by the poster
	Framed    bool     // the print's frame is whole: the header with its rule under it, and the closing rule (or box bottom) after the last row, no elision mark
}

// Column is one header column of a table.
type Column int

// The columns a summary can have.
const (
	ColLayer Column = iota
	ColInputShape
	ColOutputShape
	ColParams
	ColConnected
	ColTrainable
)

// Has reports whether the table has column c.
func (t *Table) Has(c Column) bool {
	for _, x := range t.Columns {
		if x == c {
			return true
		}
	}
	return false
}

// Row represents one layer row of a summary, wrapped or continued lines joined.
type Row struct {
	Line       int    // 1-based line of the row's first line
	EndLine    int    // 1-based last line of the row
	Col        int    // 1-based column where the layer cell starts
	Name       string // "conv1d_1"; a name cut by the print kept as cut ("batch_normalizat…")
	TypeText   string // the class as printed: "Conv1D", "BatchNormalizatio…", "MaxPooling1" (cut), "" (not shown)
	TypeCut    bool   // the print does not show the whole class name
	NameCut    bool   // the print cut the name itself (… or no room for the type)
	OutputText string // "(None, 41, 64)"; wrapped parts joined
	Output     Shape
	InputText  string  // tfjs "Input Shape": "[[null,41,1]]"
	Inputs     []Shape // tfjs input shapes, one per inbound tensor
	ParamsText string  // "163,968", "0 (unbuilt)", ""
	Params     *int64  // nil when the row shows no count
	CountFills bool    // the count fills its column to the edge in a layout that cuts cells (Keras 1/2, TF.js, a narrow line_length): it may have lost digits
	Unbuilt    bool    // "0 (unbuilt)" or "0 (unused)"
	Connected  []Conn  // "Connected to" / "Receives inputs"
	ConnText   string  // the cell as printed, parts joined with ", "
	Trainable  string  // "Y", "N", "-" or ""
	Depth      int     // 0 top level; 1+ rows of an expanded nested model
	AfterGap   bool    // an elision mark stands between this row and the one above: rows were left out there
	Indented   bool    // a box row whose layer cell starts three spaces or more in, with no tree mark: a nested row whose "└" the console could not print; Depth is 0 when its nesting could not be told
}

// Conn is one inbound tensor, "dense_1[0][0]".
type Conn struct {
	Layer  string // "dense_1" (maybe cut: "batch_normalizat…")
	Node   int
	Tensor int
	Cut    bool // the print cut the reference
}

// ShapeKind tells what an Output Shape cell holds.
type ShapeKind int

// Kinds of shapes.
const (
	ShapeNone     ShapeKind = iota // nothing printed
	ShapeTuple                     // (None, 41, 64) or [null,41,64]
	ShapeList                      // [(None, 64), (None, 64)]: several outputs
	ShapeMultiple                  // "multiple"
	ShapeUnknown                   // "?"
	ShapeCut                       // cut by the print: "(None, None, None, 3"
)

// Shape is a parsed output shape. Dims uses -1 for None/null.
type Shape struct {
	Kind  ShapeKind
	Dims  []int64 // for ShapeTuple (and the readable prefix of ShapeCut)
	Items []Shape // for ShapeList
}

// Known reports whether the shape is a tuple with every dimension read.
func (s Shape) Known() bool { return s.Kind == ShapeTuple }

// Totals are the printed totals lines; nil where a line is absent.
type Totals struct {
	Total        *int64
	Trainable    *int64
	NonTrainable *int64
	Optimizer    *int64
	TotalSize    string // "644.02 KB" where printed
	TrainSize    string
	NonTrainSize string
	OptSize      string
	Line         int // line of "Total params", 0 if absent
	TrainLine    int
	NonTrainLine int
	OptLine      int
}

// Foreign is a table that resembles a Keras summary but is not one.
type Foreign struct {
	Kind      string // "torchsummary", "torchinfo", "lightning"
	StartLine int
	EndLine   int
}

// NumList is a run of bare integers, one per line.
type NumList struct {
	Line   int // first line
	Values []int64
	Lines  []int
}

// Claim is a hand calculation found in prose: "1344 * 128 + 128 = 172160".
type Claim struct {
	Line   int
	Text   string  // the expression as written
	Terms  []int64 // the numbers on the left side
	Result int64
}

// Error is a problem with a position in the input.
type Error struct {
	Line  int // 1-based
	Col   int // 1-based
	Msg   string
	Minor bool // a remark on how the text was read; no number was left unread
}

func (e *Error) Error() string {
	return itoa(e.Line) + ":" + itoa(e.Col) + ": " + e.Msg
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

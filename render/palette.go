package render

import "github.com/fatih/color"

// Palette holds the colours of the text output, by role. Colour is decided once by the caller:
// every colour object is switched on or off explicitly, so the global color.NoColor is never read.
type Palette struct {
	Num, None, Class, OK, Bad, Warn, Dim, Head *color.Color
	Plain                                      *color.Color // normal weight: the derivations, what the reader came for
	on                                         bool
}

// paint is c.Sprint(s) for a string: s itself when colour is off (color's Sprint goes through
// fmt.Sprint, an allocation a call, several times on every row of the text output).
func (p *Palette) paint(c *color.Color, s string) string {
	if !p.on {
		return s
	}
	return c.Sprint(s)
}

// NewPalette builds the palette with colour on or off.
func NewPalette(on bool) *Palette {
	p := &Palette{
		on:    on,
		Num:   color.New(color.FgGreen),
		None:  color.New(color.FgCyan),
		Class: color.New(color.FgBlue),
		OK:    color.New(color.FgGreen),
		Bad:   color.New(color.FgRed, color.Bold),
		Warn:  color.New(color.FgYellow),
		Dim:   color.New(color.Faint),
		Head:  color.New(color.Bold),
		Plain: color.New(color.Reset),
	}
	p.Plain.DisableColor() // normal weight: no escape codes at all
	for _, c := range []*color.Color{p.Num, p.None, p.Class, p.OK, p.Bad, p.Warn, p.Dim, p.Head} {
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return p
}

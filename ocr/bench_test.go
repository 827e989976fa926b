package ocr

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkPrepare measures the preparation of each picture of testdata/shots (decoding,
// scaling, binarising, rules, zeros): the pure-Go part before recognition.
func BenchmarkPrepare(b *testing.B) {
	for _, pic := range shots(b) {
		data, err := os.ReadFile(pic)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(pic), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Prepare(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReadReplay measures all of Read but the recognition itself, which the recorded
// answers stand in for: preparation, layout, the count cells, the corrections.
func BenchmarkReadReplay(b *testing.B) {
	for _, pic := range shots(b) {
		data, err := os.ReadFile(pic)
		if err != nil {
			b.Fatal(err)
		}
		rec := replay(strings.TrimSuffix(pic, filepath.Ext(pic)))
		b.Run(filepath.Base(pic), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := (Reader{Recognize: rec, Classes: shotClasses}).Read(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

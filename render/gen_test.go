package render_test

import (
	"os"
	"strconv"
	"testing"
)

// TestWriteBenchInput writes the generated functional table to $KEXPLAIN_GEN_FILE with
// $KEXPLAIN_GEN_ROWS rows, for timing the whole command on it; skipped otherwise.
func TestWriteBenchInput(t *testing.T) {
	path := os.Getenv("KEXPLAIN_GEN_FILE")
	if path == "" {
		t.Skip("set KEXPLAIN_GEN_FILE (and KEXPLAIN_GEN_ROWS) to write a generated table")
	}
	n, err := strconv.Atoi(os.Getenv("KEXPLAIN_GEN_ROWS"))
	if err != nil || n < 2 {
		n = 10000
	}
	if err := os.WriteFile(path, []byte(functionalTable(n)), 0o644); err != nil {
		t.Fatal(err)
	}
}

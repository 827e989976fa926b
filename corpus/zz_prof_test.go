package corpus
import ("testing";"os";"github.com/kexplain/kexplain/grammar";"github.com/kexplain/kexplain/explain")
func TestProf(t *testing.T) {
	b, _ := os.ReadFile(os.Getenv("F"))
	explain.Explain(grammar.Parse(string(b)))
}

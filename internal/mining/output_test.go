package mining

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/jalali"
)

// TestJSONLineUndated checks the documented line: an undated candidate has
// null start, end and precision; a dated one has its precision.
func TestJSONLineUndated(t *testing.T) {
	m := testMiner(t)
	text := "نشست خبری مدیرکل ۲۰ فروردین برگزار شد. همایش روابط عمومی‌ها با حضور استاندار برگزار شد."
	res := m.Mine(Input{Text: text, Published: jalali.MustNew(1403, 2, 1)})
	line, err := res.JSONLine("x.txt")
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Source    string  `json:"source"`
		Published *string `json:"published"`
		Events    []map[string]any
	}
	if err := json.Unmarshal(line, &got); err != nil {
		t.Fatalf("%v\n%s", err, line)
	}
	if len(got.Events) != 2 {
		t.Fatalf("%d events, want 2:\n%s", len(got.Events), line)
	}
	for _, key := range []string{"start", "end", "precision", "kind", "title", "evidence", "confidence"} {
		for _, e := range got.Events {
			if _, ok := e[key]; !ok {
				t.Errorf("event lacks %q: %s", key, line)
			}
		}
	}
	dated, undated := got.Events[0], got.Events[1]
	if dated["start"] != "1403/01/20" || dated["end"] != nil || dated["precision"] != "day" {
		t.Errorf("dated event %v", dated)
	}
	if undated["start"] != nil || undated["end"] != nil || undated["precision"] != nil || undated["kind"] != "conference" {
		t.Errorf("undated event %v", undated)
	}
	if txt := res.Text("x.txt"); !strings.Contains(txt, "undated [conference] ") {
		t.Errorf("text output:\n%s", txt)
	}
}

package mining

import (
	"bytes"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/seeds"
)

func seedTexts(t testing.TB) map[string]string {
	t.Helper()
	texts := map[string]string{}
	err := fs.WalkDir(seeds.Articles, "articles", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(seeds.Articles, p)
		texts[path.Base(p)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return texts
}

func seedLabels(t testing.TB) []Label {
	t.Helper()
	labels, err := ParseLabels(bytes.NewReader(seeds.Labels))
	if err != nil {
		t.Fatal(err)
	}
	return labels
}

// reviewedExtra lists the dated candidates on the seeds that no label has
// but that a careful reader would accept, with the reason.
var reviewedExtra = map[string]map[string]string{
	"002_af69974437867032.txt": {
		// "روابط عمومی استانداری کرمانشاه سال گذشته نیز … در هفته دولت حائز رتبه برتر در کشور شد":
		// last year's Government Week (the article is from 1400) and the award given in it.
		"1399/06/02–1399/06/08 occasion": "Government Week of the year before publication, named with سال گذشته",
		"1399/06/02–1399/06/08 award":    "the top rank won in last year's Government Week",
	},
}

// TestSeedsEvaluate mines the seed articles through Evaluate and checks
// that every required label event is found and that every other dated
// candidate is either labelled or one of reviewedExtra.
func TestSeedsEvaluate(t *testing.T) {
	m := testMiner(t)
	texts := seedTexts(t)
	rep := Evaluate(m, seedLabels(t), texts)
	var buf strings.Builder
	if err := rep.Write(&buf); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + buf.String())
	for _, f := range rep.Files {
		if f.PublishedGot != f.PublishedWant {
			t.Errorf("%s: publication date %s, want %s", f.File, f.PublishedGot, f.PublishedWant)
		}
		for _, e := range f.Missed {
			if e.Required {
				t.Errorf("%s: missed required %s %s %q", f.File, rangeString(e.Start, e.End), e.Kind, e.Title)
			}
		}
		for _, c := range f.Unmatched {
			key := rangeString(c.Start, c.End) + " " + string(c.Kind)
			if reviewedExtra[f.File][key] == "" {
				t.Errorf("%s: unreviewed dated candidate %s %q (evidence %q)", f.File, key, c.Title, c.Evidence)
			}
		}
	}
}

func TestSeedsPrint(t *testing.T) {
	m := testMiner(t)
	for name, text := range seedTexts(t) {
		t.Log(m.Mine(Input{Text: text, Source: name}).Text(name))
	}
}

func seedTextsB(b *testing.B) map[string]string { return seedTexts(b) }

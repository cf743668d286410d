package mining

import (
	"strings"
	"testing"
)

// BenchmarkMineFarsNews mines the Fars News corpus as one stream of
// articles, and the same volume concatenated 10 and 100 times into fewer,
// larger inputs, to show that time grows linearly with text size.
func BenchmarkMineFarsNews(b *testing.B) {
	arts := loadFars(b)
	m := testMiner(b)
	texts := make([]string, len(arts))
	total := 0
	for i, a := range arts {
		texts[i] = farsText(a)
		total += len(texts[i])
	}
	b.Run("articles", func(b *testing.B) {
		b.SetBytes(int64(total))
		b.ReportAllocs()
		for b.Loop() {
			for _, t := range texts {
				m.Mine(Input{Text: t})
			}
		}
	})
	for _, n := range []int{10, 100} {
		big := concatGroups(texts, n)
		b.Run("concat"+itoa(n)+"x", func(b *testing.B) {
			size := 0
			for _, t := range big {
				size += len(t)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				for _, t := range big {
					m.Mine(Input{Text: t})
				}
			}
		})
	}
}

// concatGroups repeats the corpus n times and joins it into len(texts)/10
// inputs, each n times larger than ten articles.
func concatGroups(texts []string, n int) []string {
	per := 10 * n
	var out []string
	all := make([]string, 0, len(texts)*n)
	for range n {
		all = append(all, texts...)
	}
	for i := 0; i < len(all); i += per {
		out = append(out, strings.Join(all[i:min(i+per, len(all))], "\n\n"))
	}
	return out
}

// BenchmarkMineSeeds mines the five seed articles.
func BenchmarkMineSeeds(b *testing.B) {
	m := testMiner(b)
	var texts []string
	total := 0
	for _, t := range seedTextsB(b) {
		texts = append(texts, t)
		total += len(t)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			m.Mine(Input{Text: t})
		}
	}
}

package mining

import (
	"sort"
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/persian"
)

// gazetteer finds occasion names in tokens, tolerant of a dropped or added
// ZWNJ or space ("هفته‌ی دولت", "هفتهی دولت"), of a missing "و" and of the
// order of the words after the first ("روز ملی روابط عمومی و ارتباطات").
type gazetteer struct {
	occ    []domain.Occasion
	heads  map[string]bool
	exact  map[string]int // concatenated words → occasion index
	bag    map[string]int // first word + sorted other words → occasion index
	maxLen int            // most words in a name
}

// mention is an occasion named over tokens [i, j).
type mention struct {
	i, j int
	occ  int
}

func newGazetteer(occs []domain.Occasion) *gazetteer {
	g := &gazetteer{occ: occs, heads: map[string]bool{}, exact: map[string]int{}, bag: map[string]int{}}
	for k, o := range occs {
		names := append([]string{o.Name}, o.Aliases...)
		for _, v := range nameVariants(o.Name) {
			if len(nameWords(v)) >= 2 {
				names = append(names, v)
			}
		}
		for _, name := range names {
			words := nameWords(name)
			if len(words) == 0 {
				continue
			}
			g.heads[words[0]] = true
			if len(words) > 1 {
				g.heads[words[0]+words[1]] = true // "هفتهی دولت" for "هفته‌ی دولت"
			}
			g.exact[strings.Join(words, "")] = k
			if len(words) > 2 {
				g.bag[bagKey(words)] = k
			}
			if len(words) > g.maxLen {
				g.maxLen = len(words)
			}
		}
	}
	return g
}

// nameVariants returns the ways news text writes an official name that
// the name itself does not: without its notes in parentheses ("(۲۳۲
// ه‍.ق)"، "(ع)")، each part of a name that joins two occasions ("شهادت
// حضرت امام حسن عسکری (ع) (۲۶۰ ه‍.ق) و آغاز امامت حضرت ولی عصر (عج)"),
// and each of those without «حضرت».
func nameVariants(name string) []string {
	var parts []string
	rest := name
	for {
		i := strings.Index(rest, ") و ")
		if i < 0 {
			parts = append(parts, rest)
			break
		}
		parts = append(parts, rest[:i+1])
		rest = rest[i+len(") و "):]
	}
	var out []string
	for _, p := range parts {
		p = stripParens(p)
		out = append(out, p)
		if strings.Contains(p, "حضرت ") {
			out = append(out, strings.Join(strings.Fields(strings.ReplaceAll(p, "حضرت ", "")), " "))
		}
	}
	return out
}

// stripParens removes the parenthesized notes of a name.
func stripParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// nameWords returns the normalized words of an occasion name, without "و"
// and punctuation.
func nameWords(name string) []string {
	norm, _ := persian.Normalize(name)
	var out []string
	for _, t := range tokenize(norm) {
		if t.kind == tPunct || t.text == "و" {
			continue
		}
		out = append(out, t.text)
	}
	return out
}

func bagKey(words []string) string {
	rest := append([]string(nil), words[1:]...)
	sort.Strings(rest)
	return words[0] + " " + strings.Join(rest, " ")
}

// find returns the occasions named in tokens [from, to), longest first at
// each position.
func (g *gazetteer) find(toks []token, from, to int) []mention {
	var out []mention
	var sc scratch
	for i := from; i < to; i++ {
		if best, ok := g.atWith(&sc, toks, i, to); ok {
			out = append(out, best)
			i = best.j - 1
		}
	}
	return out
}

// scratch is the buffers of one search.
type scratch struct {
	words  []string
	concat strings.Builder
	sorted []string
	key    []byte
}

// atWith returns the longest occasion named from token i on (within [i,
// to)), searching with sc's buffers.
func (g *gazetteer) atWith(sc *scratch, toks []token, i, to int) (mention, bool) {
	if i >= to || !g.heads[toks[i].text] {
		return mention{}, false
	}
	sc.words = sc.words[:0]
	sc.concat.Reset()
	best := mention{occ: -1}
	for j := i; j < to && len(sc.words) < g.maxLen+2 && j-i < 3*g.maxLen; j++ {
		t := toks[j]
		if t.kind == tPunct {
			if t.brk != brkNone {
				break
			}
			continue
		}
		if t.text == "و" && j > i {
			continue
		}
		sc.words = append(sc.words, t.text)
		sc.concat.WriteString(t.text)
		if k, ok := g.exact[sc.concat.String()]; ok {
			best = mention{i, j + 1, k}
		} else if len(sc.words) > 2 {
			sc.sorted = append(sc.sorted[:0], sc.words[1:]...)
			sort.Strings(sc.sorted)
			sc.key = append(sc.key[:0], sc.words[0]...)
			for _, w := range sc.sorted {
				sc.key = append(append(sc.key, ' '), w...)
			}
			if k, ok := g.bag[string(sc.key)]; ok { // no allocation: a map lookup by []byte
				best = mention{i, j + 1, k}
			}
		}
	}
	return best, best.occ >= 0
}

package persian

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

const zwnj = "\u200c"

// RepairZWNJ returns s, a display text with Persian letters (as Clean
// gives), with the zero-width non-joiner put back where text typed without
// it commonly drops it:
//   - a plural after a silent ه: "برنامههای" → "برنامه‌های", "گروهها" → "گروه‌ها";
//   - the verbal prefix: "میشود" → "می‌شود", "نمیکند" → "نمی‌کند";
//   - "-ای" after a silent ه and a glued plural, where known tells which
//     stem is a word: "رسانهای" → "رسانه‌ای" when known("رسانه") and not
//     known("رسان"); "عمومیهای" → "عمومی‌های" when known("عمومی") and not
//     known("عمومیه").
//
// known may be nil; the last rule is then skipped. Words that already have
// a ZWNJ or a space in those places are left alone.
func RepairZWNJ(s string, known func(word string) bool) string {
	var b strings.Builder
	changed := false
	last := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r2) {
				break
			}
			j += n2
		}
		if w := repairWord(s[i:j], known); w != s[i:j] {
			if !changed {
				b.Grow(len(s) + 8)
				changed = true
			}
			b.WriteString(s[last:i])
			b.WriteString(w)
			last = j
		}
		i = j
	}
	if !changed {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// pluralSuffixes follow a noun as one glued word.
var pluralSuffixes = []string{"هایشان", "هایمان", "هایش", "هایی", "های", "ها"}

// verbStems follow the prefix می‌ or نمی‌.
var verbStems = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`شود شوند شد شدند کند کنند کرد کردند گردد گردند گردید باشد باشند دهد دهند داد
		دادند گیرد گیرند گرفت یابد یابند رسد رسند رسید آید آیند توان تواند توانند خواهد خواهند خواهیم دارد دارند
		رود روند رفت گوید گویند گفت پردازد پردازند سازد سازند نماید نمایند بیند بینند ماند مانند داند دانند گذارد
		گذارند کنیم شویم کنم شوم دهیم گیریم بینیم رسیم آورد آورند افزاید بخشد کوشد کوشند`) {
		verbStems[w] = true
	}
}

// ehStems are common words ending in a silent ه that take "-ای" and whose
// stem without ه is no word, so "Xهای" can only be "Xه‌ای".
var ehStems = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`رسانه منطقه برنامه هسته شبکه توسعه جاده ماهواره رایانه کتابخانه بودجه هزینه
		مقایسه لحظه کلیشه سلیقه گلخانه جلسه بیانیه نمونه مرحله سابقه مسئله مساله مقاله پروژه کمیته اطلاعیه گسترده
		دانشکده حوزه تجربه مجموعه جامعه وظیفه نتیجه عمده تازه ویژه صحنه اشاره فاصله معامله
		مطالعه قطعه مدرسه موسسه اداره کنگره شایسته آینده هفته خانه`) {
		ehStems[w] = true
	}
}

func repairWord(w string, known func(string) bool) string {
	for _, pre := range []string{"نمی", "می"} {
		if rest, ok := strings.CutPrefix(w, pre); ok && verbStems[rest] {
			return pre + zwnj + rest
		}
	}
	for _, suf := range pluralSuffixes {
		stem, ok := strings.CutSuffix(w, suf)
		if !ok || utf8.RuneCountInString(stem) < 2 {
			continue
		}
		if strings.HasSuffix(stem, "ه") {
			return stem + zwnj + suf // "برنامههای", "گروهها", "دهها"
		}
		if utf8.RuneCountInString(stem) < 3 {
			return w
		}
		if suf == "های" && ehStems[stem+"ه"] {
			return stem + "ه" + zwnj + "ای" // "رسانهای", in any text
		}
		if known == nil {
			return w
		}
		withHe := known(stem + "ه")
		plain := known(stem)
		switch {
		case suf == "های" && withHe && !plain:
			return stem + "ه" + zwnj + "ای" // "رسانهای"
		case plain && !withHe:
			return stem + zwnj + suf // "عمومیهای"
		}
		return w
	}
	return w
}

package mining

import "strings"

// calKind tells which calendar a month name belongs to.
type calKind uint8

const (
	calJalali calKind = iota + 1
	calGregorian
	calLunar
)

// monthWord is a month name. weak names are also common words ("مهر", "دی",
// "تیر", "می", "مه", "صفر"): they count as months only next to a day
// number, a year or the word ماه.
type monthWord struct {
	m    int
	cal  calKind
	weak bool
}

var monthWords = map[string]monthWord{}

// lunarPairs holds two-word Hijri month names ("ربیع الاول").
var lunarPairs = map[[2]string]int{}

func init() {
	jalaliNames := [][]string{
		{}, {"فروردین"}, {"اردیبهشت", "اردبهشت"}, {"خرداد"}, {"تیر", "تیره"}, {"مرداد", "امرداد"}, {"شهریور"},
		{"مهر"}, {"آبان"}, {"آذر"}, {"دی"}, {"بهمن"}, {"اسفند"},
	}
	weakJalali := map[string]bool{"تیر": true, "تیره": true, "مهر": true, "دی": true, "آذر": true, "بهمن": true}
	for m, names := range jalaliNames {
		for _, n := range names {
			monthWords[n] = monthWord{m, calJalali, weakJalali[n]}
			if n != "تیره" {
				monthWords[n+"ماه"] = monthWord{m, calJalali, false}
			}
		}
	}
	gregNames := [][]string{
		{}, {"ژانویه", "ژانویهی", "جنوری", "january", "jan"}, {"فوریه", "فبریه", "february", "feb"},
		{"مارس", "مارچ", "march", "mar"}, {"آوریل", "آپریل", "اپریل", "april", "apr"}, {"مه", "می", "may"},
		{"ژوئن", "جون", "june", "jun"}, {"ژوئیه", "جولای", "ژولای", "july", "jul"},
		{"اوت", "آگوست", "اگوست", "آگست", "اگست", "august", "aug"}, {"سپتامبر", "september", "sep", "sept"},
		{"اکتبر", "october", "oct"}, {"نوامبر", "november", "nov"}, {"دسامبر", "دیسامبر", "december", "dec"},
	}
	weakGreg := map[string]bool{"مه": true, "می": true, "may": true, "mar": true, "jun": true, "jan": true,
		"dec": true, "sep": true, "oct": true, "aug": true, "jul": true, "apr": true, "nov": true, "feb": true, "جون": true, "مارس": true}
	for m, names := range gregNames {
		for _, n := range names {
			monthWords[n] = monthWord{m, calGregorian, weakGreg[n]}
		}
	}
	lunar := [][]string{
		{}, {"محرم"}, {"صفر"}, {"ربیعالاول", "ربیعالاولی"}, {"ربیعالثانی", "ربیعالآخر", "ربیعالاخر"},
		{"جمادیالاول", "جمادیالاولی"}, {"جمادیالثانی", "جمادیالثانیه", "جمادیالآخر", "جمادیالاخر"},
		{"رجب"}, {"شعبان"}, {"رمضان"}, {"شوال"}, {"ذیقعده", "ذیالقعده"}, {"ذیحجه", "ذیالحجه"},
	}
	for m, names := range lunar {
		for _, n := range names {
			monthWords[n] = monthWord{m, calLunar, n == "صفر" || n == "رجب"}
			for _, pre := range []string{"ربیع", "جمادی", "ذی"} {
				if rest, ok := strings.CutPrefix(n, pre); ok && rest != "" {
					lunarPairs[[2]string{pre, rest}] = m
				}
			}
		}
	}
}

// weekdayWords maps one-word weekday names to jalali.Weekday values
// (Saturday 0); weekdayPairs holds the two-word spellings.
var weekdayWords = map[string]int{
	"شنبه": 0, "یکشنبه": 1, "دوشنبه": 2, "سهشنبه": 3, "سشنبه": 3, "چهارشنبه": 4, "پنجشنبه": 5, "جمعه": 6, "آدینه": 6,
}

var weekdayPairs = map[[2]string]int{
	{"یک", "شنبه"}: 1, {"دو", "شنبه"}: 2, {"سه", "شنبه"}: 3, {"چهار", "شنبه"}: 4, {"پنج", "شنبه"}: 5,
}

// cardinals are number words; values of 100 and 1000 combine ("دو هزار و بیست").
var cardinals = map[string]int{
	"یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "شیش": 6, "هفت": 7, "هشت": 8, "نه": 9, "ده": 10,
	"یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15, "پونزده": 15, "شانزده": 16, "شونزده": 16,
	"هفده": 17, "هیفده": 17, "هجده": 18, "هیجده": 18, "هژده": 18, "نوزده": 19, "بیست": 20, "سی": 30, "چهل": 40,
	"پنجاه": 50, "شصت": 60, "هفتاد": 70, "هشتاد": 80, "نود": 90, "صد": 100, "یکصد": 100, "دویست": 200, "سیصد": 300,
	"چهارصد": 400, "پانصد": 500, "ششصد": 600, "هفتصد": 700, "هشتصد": 800, "نهصد": 900, "هزار": 1000,
}

// ordinals are ordinal number words, including the -ین forms ("هفتمین").
var ordinals = map[string]int{"اول": 1, "نخست": 1, "یکم": 1, "اولین": 1, "نخستین": 1, "سوم": 3, "سومین": 3, "سیم": 30}

func init() {
	for w, n := range cardinals {
		if n == 1 || n == 3 || n == 1000 {
			continue
		}
		o := w + "م"
		if strings.HasSuffix(w, "ی") && n == 30 {
			o = w + "ام"
		}
		ordinals[o] = n
		ordinals[o+"ین"] = n
	}
	ordinals["سیامین"] = 30
	ordinals["یکمین"] = 1
}

// unitWords are calendar units; the value is the unit's kind.
type unit uint8

const (
	uNone unit = iota
	uDay
	uWeek
	uMonth
	uYear
	uDecade
	uCentury
	uNight
)

var unitWords = map[string]unit{
	"روز": uDay, "روزه": uDay, "روزها": uDay, "هفته": uWeek, "هفتهها": uWeek, "هفتگی": uWeek, "هفتهای": uWeek,
	"ماه": uMonth, "ماهه": uMonth, "ماهها": uMonth, "سال": uYear, "ساله": uYear, "سالها": uYear, "سالی": uYear,
	"دهه": uDecade, "قرن": uCentury, "سده": uCentury, "شب": uNight, "شبها": uNight,
}

// seasons maps season names to their first Jalali month.
var seasons = map[string]int{"بهار": 1, "تابستان": 4, "پاییز": 7, "پائیز": 7, "زمستان": 10}

// quantityNouns follow a number that is a count, not a year: "1400 نفر".
var quantityNouns = map[string]bool{
	"نفر": true, "تن": true, "ریال": true, "تومان": true, "دلار": true, "یورو": true, "میلیون": true, "میلیارد": true,
	"هزار": true, "درصد": true, "کیلومتر": true, "متر": true, "هکتار": true, "عدد": true, "مورد": true, "دستگاه": true,
	"واحد": true, "نسخه": true, "جلد": true, "کیلوگرم": true, "گرم": true, "لیتر": true, "خانوار": true, "بار": true,
	"مترمکعب": true, "مگاوات": true, "تخت": true, "پروژه": true, "طرح": true, "روستا": true, "شهر": true, "کیلو": true,
	"سانتیمتر": true, "میلیمتر": true, "ساعت": true, "دقیقه": true, "ثانیه": true, "امتیاز": true, "رای": true,
	"قطعه": true, "فقره": true, "باب": true, "نفری": true, "تنی": true, "کیلومتری": true, "متری": true, "برابر": true,
}

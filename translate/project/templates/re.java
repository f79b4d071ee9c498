// Python's `re` module for the code migrated by `translate repo` (a template, not model output): the same
// functions and flags over java.util.regex, with Python's pattern syntax translated where it differs
// (`(?P<name>...)`, `(?P=name)`, `\Z`) and Python's replacement templates (`\1`, `\g<1>`, `\g<name>`; also
// Java's `$1` where the match has that group: answers write it, where Python would keep a literal `$1`).
// Migrated code calls it as Python did: `re.sub(p, r, s)`, `re.search(p, s)` (a Match or null).
package __PACKAGE__;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;

final class re {
    static final int IGNORECASE = 2, I = 2, MULTILINE = 8, M = 8, DOTALL = 16, S = 16, VERBOSE = 64, X = 64;
    static final int UNICODE = 32, U = 32, ASCII = 256, A = 256;

    private static final java.util.regex.Pattern NAMES = java.util.regex.Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private re() {
    }

    /** A compiled pattern, with Python's methods. */
    static final class Pattern {
        final String pattern;
        final int flags;
        final java.util.regex.Pattern regex;

        Pattern(String pattern, int flags) {
            this.pattern = pattern;
            this.flags = flags;
            int bits = 0;
            if ((flags & IGNORECASE) != 0) bits |= java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE;
            if ((flags & MULTILINE) != 0) bits |= java.util.regex.Pattern.MULTILINE;
            if ((flags & DOTALL) != 0) bits |= java.util.regex.Pattern.DOTALL;
            if ((flags & VERBOSE) != 0) bits |= java.util.regex.Pattern.COMMENTS;
            if ((flags & ASCII) == 0) bits |= java.util.regex.Pattern.UNICODE_CHARACTER_CLASS;
            this.regex = java.util.regex.Pattern.compile(translate(pattern), bits);
        }

        Match search(String string) {
            Matcher m = regex.matcher(string);
            return m.find() ? new Match(m, string) : null;
        }

        Match match(String string) {
            Matcher m = regex.matcher(string);
            return m.lookingAt() ? new Match(m, string) : null;
        }

        Match fullmatch(String string) {
            Matcher m = regex.matcher(string);
            return m.matches() ? new Match(m, string) : null;
        }

        /** Python's findall: the whole matches, the one group's, or each match's groups as a list. */
        List<Object> findall(String string) {
            List<Object> out = new ArrayList<>();
            Matcher m = regex.matcher(string);
            while (m.find()) {
                if (m.groupCount() == 0) {
                    out.add(m.group());
                } else if (m.groupCount() == 1) {
                    out.add(m.group(1) == null ? "" : m.group(1));
                } else {
                    List<String> groups = new ArrayList<>();
                    for (int g = 1; g <= m.groupCount(); g++) groups.add(m.group(g) == null ? "" : m.group(g));
                    out.add(groups);
                }
            }
            return out;
        }

        String sub(String repl, String string) {
            return sub(repl, string, 0);
        }

        String sub(String repl, String string, int count) {
            return sub((Function<Match, String>) match -> match.expand(repl), string, count);
        }

        String sub(Function<Match, String> repl, String string) {
            return sub(repl, string, 0);
        }

        String sub(Function<Match, String> repl, String string, int count) {
            Matcher m = regex.matcher(string);
            StringBuilder out = new StringBuilder();
            int done = 0;
            while ((count == 0 || done < count) && m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(repl.apply(new Match(m, string))));
                done++;
            }
            m.appendTail(out);
            return out.toString();
        }

        List<String> split(String string) {
            return split(string, 0);
        }

        List<String> split(String string, int maxsplit) {
            List<String> out = new ArrayList<>();
            Matcher m = regex.matcher(string);
            int last = 0, done = 0;
            while ((maxsplit == 0 || done < maxsplit) && m.find()) {
                out.add(string.substring(last, m.start()));
                for (int g = 1; g <= m.groupCount(); g++) out.add(m.group(g));
                last = m.end();
                done++;
            }
            out.add(string.substring(last));
            return out;
        }
    }

    /** A match, with Python's methods (a group that did not take part is null). */
    static final class Match {
        private final java.util.regex.MatchResult m;
        private final Map<String, String> named = new HashMap<>();  // Java 17's MatchResult has no group(name)
        final String string;

        Match(Matcher m, String string) {
            this.m = m.toMatchResult();
            this.string = string;
            Matcher names = NAMES.matcher(m.pattern().pattern());
            while (names.find()) named.put(names.group(1), m.group(names.group(1)));
        }

        String group() {
            return m.group();
        }

        String group(int g) {
            return m.group(g);
        }

        String group(String name) {
            if (!named.containsKey(name)) throw new IllegalArgumentException("no such group: " + name);
            return named.get(name);
        }

        List<String> groups() {
            List<String> out = new ArrayList<>();
            for (int g = 1; g <= m.groupCount(); g++) out.add(m.group(g));
            return out;
        }

        int start() {
            return m.start();
        }

        int start(int g) {
            return m.start(g);
        }

        int end() {
            return m.end();
        }

        int end(int g) {
            return m.end(g);
        }

        /** Python's replacement template: \1, \g<1>, \g<name>, \n, \\. */
        String expand(String template) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < template.length(); i++) {
                char c = template.charAt(i);
                int dollar = c == '$' ? javaReference(template, i) : -1;
                if (dollar >= 0) {  // Java's `$1` (a migrated answer's habit), where group 1 exists; else a `$`
                    String g = m.group(Integer.parseInt(template.substring(i + 1, dollar)));
                    out.append(g == null ? "" : g);
                    i = dollar - 1;
                    continue;
                }
                if (c != '\\' || i + 1 == template.length()) {
                    out.append(c);
                    continue;
                }
                char d = template.charAt(++i);
                if (Character.isDigit(d)) {
                    int j = i + 1 < template.length() && Character.isDigit(template.charAt(i + 1)) ? i + 2 : i + 1;
                    String g = m.group(Integer.parseInt(template.substring(i, j)));
                    out.append(g == null ? "" : g);
                    i = j - 1;
                } else if (d == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<') {
                    int close = template.indexOf('>', i);
                    String ref = template.substring(i + 2, close);
                    String g = ref.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(ref)) : group(ref);
                    out.append(g == null ? "" : g);
                    i = close;
                } else {
                    out.append(switch (d) {
                        case 'n' -> "\n";
                        case 't' -> "\t";
                        case 'r' -> "\r";
                        case '\\' -> "\\";
                        default -> "\\" + d;
                    });
                }
            }
            return out.toString();
        }

        /** The end of a `$n` group reference at ``i`` naming a group of this match, else -1. */
        private int javaReference(String template, int i) {
            int j = i + 1;
            while (j < template.length() && Character.isDigit(template.charAt(j))) j++;
            return j > i + 1 && Integer.parseInt(template.substring(i + 1, j)) <= m.groupCount() ? j : -1;
        }
    }

    /** Python's pattern syntax where Java's differs. */
    static String translate(String pattern) {
        return pattern.replaceAll("\\(\\?P<(\\w+)>", "(?<$1>").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>")
                .replace("\\Z", "\\z");
    }

    static Pattern compile(String pattern) {
        return new Pattern(pattern, 0);
    }

    static Pattern compile(String pattern, int flags) {
        return new Pattern(pattern, flags);
    }

    static Pattern compile(Pattern pattern) {
        return pattern;
    }

    static Match search(String pattern, String string) {
        return compile(pattern).search(string);
    }

    static Match search(String pattern, String string, int flags) {
        return compile(pattern, flags).search(string);
    }

    static Match match(String pattern, String string) {
        return compile(pattern).match(string);
    }

    static Match match(String pattern, String string, int flags) {
        return compile(pattern, flags).match(string);
    }

    static Match fullmatch(String pattern, String string) {
        return compile(pattern).fullmatch(string);
    }

    static List<Object> findall(String pattern, String string) {
        return compile(pattern).findall(string);
    }

    static String sub(String pattern, String repl, String string) {
        return compile(pattern).sub(repl, string, 0);
    }

    static String sub(String pattern, String repl, String string, int count) {
        return compile(pattern).sub(repl, string, count);
    }

    static String sub(String pattern, String repl, String string, int count, int flags) {
        return compile(pattern, flags).sub(repl, string, count);
    }

    static String sub(String pattern, Function<Match, String> repl, String string) {
        return compile(pattern).sub(repl, string, 0);
    }

    static String sub(String pattern, Function<Match, String> repl, String string, int count) {
        return compile(pattern).sub(repl, string, count);
    }

    static String sub(Pattern pattern, String repl, String string) {
        return pattern.sub(repl, string, 0);
    }

    static String sub(Pattern pattern, Function<Match, String> repl, String string) {
        return pattern.sub(repl, string, 0);
    }

    static Match search(Pattern pattern, String string) {
        return pattern.search(string);
    }

    static Match match(Pattern pattern, String string) {
        return pattern.match(string);
    }

    static List<String> split(String pattern, String string) {
        return compile(pattern).split(string, 0);
    }

    static List<String> split(String pattern, String string, int maxsplit) {
        return compile(pattern).split(string, maxsplit);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (!Character.isLetterOrDigit(c) && c != '_') out.append('\\');
            out.append(c);
        }
        return out.toString();
    }
}

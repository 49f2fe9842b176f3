using System.Text;

namespace TuiChat.Bench.Search;

/// <summary>
/// Made-up words and chat lines with a skewed word frequency (a few words are very common, most
/// are rare, as in real chat), from a fixed seed so that every run stores the same lines.
/// </summary>
internal sealed class Vocabulary
{
    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "da", "ve", "zu", "qui", "bra", "tor", "len", "fi",
        "go", "sha", "mun", "dex", "ar", "el", "on", "ux", "pre", "sto", "vik", "ja", "wo", "che",
    ];

    private readonly string[] _words;
    private readonly Random _random;

    public Vocabulary(int size, int lineSeed)
    {
        _random = new Random(lineSeed);
        var words = new HashSet<string>(StringComparer.Ordinal);
        var seed = new Random(7);
        while (words.Count < size)
        {
            var word = new StringBuilder();
            int syllables = 2 + seed.Next(3);
            for (int i = 0; i < syllables; i++)
            {
                word.Append(Syllables[seed.Next(Syllables.Length)]);
            }
            words.Add(word.ToString());
        }
        _words = [.. words];
    }

    /// <summary>The word of rank <paramref name="rank"/>: 0 is the most common.</summary>
    public string this[int rank] => _words[rank];

    public int Count => _words.Length;

    /// <summary>A line of 6–12 words; word ranks follow u³, so rank 0 is in most lines and the last ranks are rare.</summary>
    public string NextLine()
    {
        var line = new StringBuilder();
        int count = 6 + _random.Next(7);
        for (int i = 0; i < count; i++)
        {
            double u = _random.NextDouble();
            line.Append(i == 0 ? "" : " ").Append(_words[(int)(u * u * u * _words.Length)]);
        }
        return line.ToString();
    }

    /// <summary>True one time in <paramref name="n"/> (the seeded stream, so runs repeat).</summary>
    public bool OneIn(int n) => _random.Next(n) == 0;
}

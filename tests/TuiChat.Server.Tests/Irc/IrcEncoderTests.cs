using System.Text;
using TuiChat.Server.Chat;
using TuiChat.Server.Irc;

namespace TuiChat.Server.Tests.Irc;

/// <summary>The bytes <see cref="IrcEncoder"/> writes for a room line: one IRC line when it fits one, several when not.</summary>
public sealed class IrcEncoderTests
{
    private const string Prefix = ":maria!maria@tuichat PRIVMSG #praia :";

    private static readonly DateTimeOffset Ts = new(2026, 12, 2, 17, 0, 0, 250, TimeSpan.Zero);

    [Theory]
    [InlineData("olá, vamos à praia amanhã?")]
    [InlineData("o café está ótimo 👩🏽‍💻 🇧🇷")]
    [InlineData("東京で会いましょう 寿司")]
    public void AOneLineText_IsOneLine(string text) =>
        Assert.Equal(Prefix + text + "\r\n", Encode(IrcEncoder.For(serverTime: false, messageTags: false), text));

    [Fact]
    public void AOneLineText_CarriesTheTagsTheClientAskedFor() =>
        Assert.Equal("@time=2026-12-02T17:00:00.250Z;msgid=7 " + Prefix + "até já\r\n",
            Encode(IrcEncoder.For(serverTime: true, messageTags: true), "até já"));

    [Fact]
    public void ATextThatFillsA512ByteLine_IsOneLine_AndOneByteMoreIsTwo()
    {
        IrcEncoder plain = IrcEncoder.For(serverTime: false, messageTags: false);
        int room = IrcEncoder.MaxLineBytes - 2 - Encoding.UTF8.GetByteCount(Prefix);
        // 'é' is two bytes: the text is the room's length in bytes, then one byte over it.
        string fits = new string('é', room / 2) + (room % 2 == 1 ? "a" : "");
        string over = fits + "a";

        string one = Encode(plain, fits);
        string two = Encode(plain, over);

        Assert.Equal(Prefix + fits + "\r\n", one);
        Assert.Equal(IrcEncoder.MaxLineBytes, Encoding.UTF8.GetByteCount(one));
        string[] lines = two.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(over, string.Concat(lines.Select(l => l[Prefix.Length..])));
    }

    [Fact]
    public void LinesOfAText_AreAnIrcLineEach_TheMsgidOnTheFirstOnly() =>
        Assert.Equal("@msgid=7 " + Prefix + "primeira\r\n" + Prefix + "segunda 🇵🇹\r\n",
            Encode(IrcEncoder.For(serverTime: false, messageTags: true), "primeira\nsegunda 🇵🇹"));

    private static string Encode(IrcEncoder encoder, string text) =>
        Encoding.UTF8.GetString(encoder.Encode(new MessagePosted(7, Ts, "maria", "#praia", text, isRoom: true, seq: 1)));
}

namespace TuiChat.Protocol.Tests;

public class NameRulesTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("Zoë")]
    [InlineData("bob_2.x-y")]
    [InlineData("a")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdef")]
    public void TryNormalizeUser_AcceptsValidNames(string name)
    {
        Assert.True(NameRules.TryNormalizeUser(name, out string user, out _));
        Assert.Equal(name, user);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1alice")]
    [InlineData("_alice")]
    [InlineData("al ice")]
    [InlineData("al#ice")]
    [InlineData("alice\u001b[31m")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefg")]
    public void TryNormalizeUser_RejectsInvalidNames(string name)
    {
        Assert.False(NameRules.TryNormalizeUser(name, out _, out string error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void TryNormalizeUser_NormalisesToNfc()
    {
        Assert.True(NameRules.TryNormalizeUser("Zoe\u0308", out string user, out _));

        Assert.Equal("Zo\u00eb", user);
    }

    [Fact]
    public void Key_IsCaseInsensitive()
    {
        Assert.Equal(NameRules.Key("Alice"), NameRules.Key("aLICE"));
        Assert.Equal(NameRules.Key("#General"), NameRules.Key("#general"));
    }

    [Theory]
    [InlineData("#general", true)]
    [InlineData("+team", true)]
    [InlineData("#a-b_c9", true)]
    [InlineData("#", false)]
    [InlineData("general", false)]
    [InlineData("#a b", false)]
    [InlineData("#a.b", false)]
    [InlineData("#abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvw", false)]
    [InlineData("#abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuv", true)]
    public void TryValidateRoom_FollowsTheRoomRule(string room, bool valid)
    {
        Assert.Equal(valid, NameRules.TryValidateRoom(room, out _));
    }

    [Fact]
    public void TryValidateText_TrimsAndAllowsNewlineAndTab()
    {
        Assert.True(NameRules.TryValidateText("  a\tb\nc  ", out string text, out _));

        Assert.Equal("a\tb\nc", text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("red \u001b[31m text")]
    [InlineData("bell \u0007")]
    [InlineData("c1 \u009b31m")]
    [InlineData("del \u007f")]
    [InlineData("cr \r in the middle")]
    public void TryValidateText_RejectsEmptyAndControlCharacters(string raw)
    {
        Assert.False(NameRules.TryValidateText(raw, out _, out _));
    }

    [Fact]
    public void TryValidateText_LimitsUtf8Bytes()
    {
        Assert.True(NameRules.TryValidateText(new string('a', 4096), out _, out _));
        Assert.False(NameRules.TryValidateText(new string('a', 4097), out _, out _));
        Assert.False(NameRules.TryValidateText(new string('é', 2049), out _, out _));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..\\x")]
    [InlineData(".bashrc")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a..b")]
    [InlineData("bad\u0000name")]
    [InlineData("bad\nname")]
    [InlineData("")]
    public void TryValidateFileName_RejectsPathTricks(string name)
    {
        Assert.False(NameRules.TryValidateFileName(name, out _));
    }

    [Theory]
    [InlineData("report.pdf")]
    [InlineData("photo 1.jpg")]
    [InlineData("日本語.txt")]
    public void TryValidateFileName_AcceptsBaseNames(string name)
    {
        Assert.True(NameRules.TryValidateFileName(name, out _));
    }

    [Fact]
    public void TryValidateFileName_LimitsUtf8Bytes()
    {
        Assert.True(NameRules.TryValidateFileName(new string('a', 255), out _));
        Assert.False(NameRules.TryValidateFileName(new string('a', 256), out _));
    }

    [Fact]
    public void Passwords_Have8To256Characters()
    {
        Assert.False(NameRules.TryValidatePassword("short", out _));
        Assert.True(NameRules.TryValidatePassword("eight-ch", out _));
        Assert.False(NameRules.TryValidatePassword(new string('p', 257), out _));
    }

    [Fact]
    public void IsSha256Hex_WantsLowerCaseHexOf64()
    {
        Assert.True(NameRules.IsSha256Hex(new string('a', 64)));
        Assert.False(NameRules.IsSha256Hex(new string('A', 64)));
        Assert.False(NameRules.IsSha256Hex(new string('a', 63)));
    }

    [Fact]
    public void Timestamps_AreUtcWithMilliseconds()
    {
        var time = new DateTimeOffset(2026, 11, 22, 18, 51, 6, 123, TimeSpan.FromHours(2));

        Assert.Equal("2026-11-22T16:51:06.123Z", Timestamps.ToWire(time));
        Assert.True(Timestamps.TryParse("2026-11-22T16:51:06.123Z", out DateTimeOffset parsed));
        Assert.Equal(time, parsed);
    }
}

using System.Text;
using TuiChat.Bench.Wire;

namespace TuiChat.Bench.Tests;

public class IrcScannerTests
{
    private static string Privmsg(int sender, int seq, long ticks)
    {
        byte[] marker = new byte[Marker.Length];
        Marker.Write(marker, sender, seq, ticks);
        return $":bench0001!~bench0001@127.0.0.1 PRIVMSG #bench :{Encoding.ASCII.GetString(marker)}xxxx\r\n";
    }

    private static byte[] Stream() => Encoding.ASCII.GetBytes(
        ":bench.ngircd.local 353 bench0002 = #bench :bench0001 bench0002\r\n"
        + Privmsg(2, 40, 0xabcdef)
        + ":alice!~a@host PRIVMSG #bench :hello there\r\n"
        + Privmsg(9, 41, 1)
        + "PING :bench.ngircd.local\n");

    [Fact]
    public void Scan_FindsMarkersAndPassesOtherLinesOn_WhateverTheReadBoundaries()
    {
        byte[] stream = Stream();
        foreach (int[] chunks in RecordingSink.Splits(stream.Length))
        {
            RecordingSink sink = RecordingSink.Feed(new IrcWire(), stream, chunks, bufferSize: 128);

            Assert.Equal([(2, 40, 0xabcdefL), (9, 41, 1L)], sink.Markers);
            Assert.Equal(
                [":bench.ngircd.local 353 bench0002 = #bench :bench0001 bench0002", ":alice!~a@host PRIVMSG #bench :hello there", "PING :bench.ngircd.local"],
                sink.Controls);
        }
    }

    [Theory]
    [InlineData(":srv 001 bench0001 :Welcome", nameof(ControlKind.LoggedIn))]
    [InlineData(":srv 366 bench0001 #bench :End of NAMES list", nameof(ControlKind.Joined))]
    [InlineData(":srv 433 * bench0001 :Nickname already in use", nameof(ControlKind.LoginFailed))]
    [InlineData(":srv 405 bench0001 #bench :You have joined too many channels", nameof(ControlKind.JoinFailed))]
    [InlineData(":srv 421 bench0001 FOO :Unknown command", nameof(ControlKind.Error))]
    [InlineData("ERROR :Closing connection", nameof(ControlKind.Error))]
    [InlineData("PING :srv", nameof(ControlKind.Ping))]
    [InlineData(":srv 353 bench0001 = #bench :bench0001", nameof(ControlKind.Other))]
    [InlineData(":srv 422 bench0001 :MOTD File is missing", nameof(ControlKind.Other))]
    [InlineData(":srv NOTICE bench0001 :hi", nameof(ControlKind.Other))]
    public void Classify_RecognisesTheHandshakeNumerics(string line, string expected)
    {
        Assert.Equal(expected, new IrcWire().Classify(Encoding.ASCII.GetBytes(line)).ToString());
    }

    [Fact]
    public void Pong_EchoesThePingToken()
    {
        Assert.Equal("PONG :srv.example\r\n", Encoding.ASCII.GetString(new IrcWire().Pong("PING :srv.example"u8)));
    }

    [Fact]
    public void Message_TemplateIsOnePrivmsgLineWithRoomForTheMarker()
    {
        MessageTemplate template = new IrcWire().Message("#bench", 64);
        string line = Encoding.ASCII.GetString(template.Bytes);

        Assert.StartsWith("PRIVMSG #bench :", line, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", line, StringComparison.Ordinal);
        Assert.Equal("PRIVMSG #bench :".Length + 64 + 2, line.Length);
        Assert.Equal("PRIVMSG #bench :".Length, template.MarkerOffset);
    }
}

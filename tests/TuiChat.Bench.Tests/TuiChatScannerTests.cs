using System.Text;
using TuiChat.Bench.Wire;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Bench.Tests;

public class TuiChatScannerTests
{
    private static byte[] MessageFrame(int sender, int seq, long ticks, string from = "bench0001")
    {
        byte[] marker = new byte[Marker.Length];
        Marker.Write(marker, sender, seq, ticks);
        return MessageCodec.EncodeFrame(new ChatMessage
        {
            MsgId = 1000 + seq,
            Ts = "2026-01-01T00:00:00.000Z",
            From = from,
            To = "#bench",
            Text = Encoding.ASCII.GetString(marker) + "xxxxxxxx",
        });
    }

    private static byte[] Stream()
    {
        byte[][] frames =
        [
            MessageCodec.EncodeFrame(new JoinedEvent { Room = "#bench", User = "bench0002" }),
            MessageFrame(3, 7, 0x1234),
            MessageFrame(0, 8, long.MaxValue),
            MessageCodec.EncodeFrame(new ChatMessage { MsgId = 5, Ts = "2026-01-01T00:00:00.000Z", From = "alice", To = "#bench", Text = "just chatting" }),
            MessageCodec.EncodeFrame(new PresenceEvent { User = "bob", Online = true }),
        ];
        return frames.SelectMany(f => f).ToArray();
    }

    [Fact]
    public void Scan_FindsMarkersAndPassesOtherFramesOn_WhateverTheReadBoundaries()
    {
        byte[] stream = Stream();
        foreach (int[] chunks in RecordingSink.Splits(stream.Length))
        {
            RecordingSink sink = RecordingSink.Feed(new TuiChatWire(), stream, chunks, bufferSize: 64);

            Assert.Equal([(3, 7, 0x1234L), (0, 8, long.MaxValue)], sink.Markers);
            Assert.Equal(3, sink.Controls.Count);
            Assert.Contains("just chatting", sink.Controls[1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Scan_GrowsTheBufferForAFrameLargerThanIt()
    {
        var members = Enumerable.Range(1, 2000).Select(i => $"bench{i:D4}").ToArray();
        byte[] big = MessageCodec.EncodeFrame(new RoomOk { Re = "j", Room = "#bench", Members = members });
        byte[] stream = [.. big, .. MessageFrame(1, 2, 3)];

        RecordingSink sink = RecordingSink.Feed(new TuiChatWire(), stream, [stream.Length], bufferSize: 1024);

        Assert.Equal(ControlKind.Joined, new TuiChatWire().Classify(Encoding.UTF8.GetBytes(Assert.Single(sink.Controls))));
        Assert.Equal([(1, 2, 3L)], sink.Markers);
    }

    [Fact]
    public void Scan_RejectsAZeroLengthFrame()
    {
        Assert.Throws<ProtocolViolationException>(() => TuiChatScanner.Scan(new byte[8], new RecordingSink(), out _));
    }

    [Fact]
    public void Classify_TellsHandshakeRepliesFromEvents()
    {
        var wire = new TuiChatWire();
        ControlKind Of(IFrameMessage m) => wire.Classify(MessageCodec.EncodePayload(m));

        Assert.Equal(ControlKind.LoggedIn, Of(new HelloOk { Re = "h", User = "bench0001", Role = Roles.Guest, Server = "x" }));
        Assert.Equal(ControlKind.Joined, Of(new RoomOk { Re = "j", Room = "#bench", Members = ["bench0001"] }));
        Assert.Equal(ControlKind.LoginFailed, Of(new ErrorReply { Re = "h", Code = ErrorCodes.NameTaken, Message = "taken" }));
        Assert.Equal(ControlKind.JoinFailed, Of(new ErrorReply { Re = "j", Code = ErrorCodes.RoomInvalid, Message = "bad" }));
        Assert.Equal(ControlKind.Error, Of(new ErrorReply { Code = ErrorCodes.RateLimited, Message = "slow down" }));
        Assert.Equal(ControlKind.Ping, Of(new PingMessage()));
        Assert.Equal(ControlKind.Other, Of(new PresenceEvent { User = "bench0002", Online = true }));
    }

    [Fact]
    public void Message_TemplateIsAValidMsgRequestWithTheMarkerInItsText()
    {
        MessageTemplate template = new TuiChatWire().Message("#bench", 64);
        byte[] bytes = (byte[])template.Bytes.Clone();
        Marker.Write(bytes.AsSpan(template.MarkerOffset), 12, 345, 6789);

        var request = (MsgRequest)MessageCodec.DecodeRequest(MessageTypes.Msg, bytes.AsSpan(FrameReader.HeaderSize));

        Assert.Equal("#bench", request.To);
        Assert.Equal(64, request.Text.Length);
        Assert.True(Marker.TryParse(Encoding.ASCII.GetBytes(request.Text), out int s, out int q, out long t));
        Assert.Equal((12, 345, 6789L), (s, q, t));
    }
}

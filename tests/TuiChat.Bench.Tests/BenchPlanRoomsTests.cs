namespace TuiChat.Bench.Tests;

/// <summary>--rooms: how the joining clients spread over rooms, and which command lines are refused.</summary>
public sealed class BenchPlanRoomsTests
{
    private static BenchPlan Create(bool idle, int rooms)
    {
        Assert.True(BenchPlan.TryCreate(new BenchOptions { Idle = idle, Rooms = rooms }, out BenchPlan? plan, out string error), error);
        return plan!;
    }

    [Fact]
    public void FiftyRooms_ClientIJoinsRoomIModFifty()
    {
        BenchPlan plan = Create(idle: true, rooms: 50);

        Assert.Equal("#bench-0", plan.RoomOf(0));
        Assert.Equal("#bench-49", plan.RoomOf(49));
        Assert.Equal("#bench-0", plan.RoomOf(50));
        Assert.Equal("#bench-7", plan.RoomOf(4957));
        Assert.True(plan.Joins(0));
    }

    [Fact]
    public void OneRoom_EverybodyJoinsTheRoomItself_IdleClientsToo()
    {
        BenchPlan plan = Create(idle: true, rooms: 1);

        Assert.Equal("#bench", plan.RoomOf(0));
        Assert.Equal("#bench", plan.RoomOf(99));
        Assert.True(plan.Joins(99));
        Assert.False(plan.Joins(100)); // --clients defaults to 100: an --idle-clients client
    }

    [Fact]
    public void Default_IdleClientsJoinNothing_RoomClientsJoinTheRoom()
    {
        Assert.False(Create(idle: true, rooms: 0).Joins(0));
        BenchPlan load = Create(idle: false, rooms: 0);
        Assert.True(load.Joins(0));
        Assert.Equal("#bench", load.RoomOf(42));
    }

    [Theory]
    [InlineData(false, 2, "--rooms above 1 needs --idle (messages go to one room)")]
    [InlineData(true, -1, "--rooms must not be negative")]
    public void BadRooms_AreRefusedWithAClearError(bool idle, int rooms, string expected)
    {
        Assert.False(BenchPlan.TryCreate(new BenchOptions { Idle = idle, Rooms = rooms }, out _, out string error));
        Assert.Equal(expected, error);
    }
}

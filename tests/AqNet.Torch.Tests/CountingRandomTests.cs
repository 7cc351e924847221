using AqNet.Torch.Training;

namespace AqNet.Torch.Tests;

public sealed class CountingRandomTests
{
    [Fact]
    public void A_generator_replayed_to_its_draw_count_continues_with_the_same_numbers_as_System_Random()
    {
        var plain = new Random(11);
        var counted = new CountingRandom(11);
        for (var i = 0; i < 500; i++)
        {
            // the mix the training tasks use, including a range wider than int.MaxValue (two steps)
            Assert.Equal(plain.Next(7), counted.Next(7));
            Assert.Equal(plain.NextDouble(), counted.NextDouble());
            Assert.Equal(plain.Next(-3, 40), counted.Next(-3, 40));
            Assert.Equal(plain.Next(int.MinValue, int.MaxValue), counted.Next(int.MinValue, int.MaxValue));
        }
        var resumed = new CountingRandom(11, counted.Draws);
        for (var i = 0; i < 100; i++) Assert.Equal(plain.NextDouble(), resumed.NextDouble());
        Assert.Equal(counted.Draws + 100, resumed.Draws);
    }
}

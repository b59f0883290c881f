using System.Diagnostics;
using System.IO.Compression;
using System.Text;

namespace HealthKart.Benchmarks;

/// <summary>
/// Whether a maintained library could write the tracking XLSX's sheet entry instead of the hand-written zip plumbing
/// (src/HealthKart.Infrastructure/Exports/Zip). A library zip writer deflates what it is given, so the cost it adds per
/// request is deflating the sheet's XML; the hand-written writer splices the rows ingestion already deflated (the
/// <c>export</c> pair measures that path end to end). 1M rows of sheet XML shaped like TrackingSheetWriter's are
/// written to a counting sink that, like an HTTP response, should only see asynchronous writes; median of 3.
/// </summary>
internal static class ZipLibraryCheck
{
    private const int Rows = 1_000_000;
    private const int Block = 100_000;

    public static async Task<int> RunAsync()
    {
        var block = SheetRows();
        Console.WriteLine(
            $"== zip library check: {Rows:N0} rows of sheet XML ({block.LongLength * (Rows / Block) / 1e6:F0} MB)");
        await MeasureAsync("DeflateStream, Fastest (the live path's deflate)", async sink =>
        {
            await using var deflate = new DeflateStream(sink, CompressionLevel.Fastest, leaveOpen: true);
            await WriteSheetAsync(deflate, block);
        });
        foreach (var level in new[] { CompressionLevel.Fastest, CompressionLevel.Optimal })
        {
            await MeasureAsync($"ZipArchive.CreateAsync entry, {level}", async sink =>
            {
                await using var zip = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true,
                    entryNameEncoding: null);
                await using var entry = await zip.CreateEntry("xl/worksheets/sheet1.xml", level).OpenAsync();
                await WriteSheetAsync(entry, block);
            });
        }

        return 0;
    }

    private static async Task WriteSheetAsync(Stream stream, byte[] block)
    {
        for (var i = 0; i < Rows / Block; i++)
        {
            await stream.WriteAsync(block);
        }
    }

    private static async Task MeasureAsync(string name, Func<Stream, Task> write)
    {
        var seconds = new List<double>();
        var sink = new CountingSink();
        for (var run = 0; run < 3; run++)
        {
            sink = new CountingSink();
            var watch = Stopwatch.StartNew();
            await write(sink);
            seconds.Add(watch.Elapsed.TotalSeconds);
        }

        var median = seconds.Order().ElementAt(1);
        Console.WriteLine(
            $"   {name,-52} {median,6:F2} s  {Rows / median / 1e6,5:F2}M rows/s  {sink.Length / 1e6,4:F0} MB  " +
            $"{sink.SynchronousWrites} synchronous writes");
    }

    /// <summary>
    /// One block of rows: a date, five texts, orders and revenue, three texts, as inline strings and numbers.
    /// </summary>
    private static byte[] SheetRows()
    {
        var random = new Random(7);
        var xml = new StringBuilder();
        for (var i = 0; i < Block; i++)
        {
            xml.Append("<x:row>").Append("<x:c s=\"1\"><x:v>").Append(45800 + (i % 60)).Append("</x:v></x:c>");
            Texts(xml, $"INF{random.Next(5000):D4}", "Instagram", $"MB-Summer-{random.Next(40)}",
                $"Whey Protein {random.Next(300)}", "MuscleBlaze");
            xml.Append("<x:c s=\"2\"><x:v>").Append(random.Next(1, 4)).Append("</x:v></x:c><x:c s=\"3\"><x:v>")
                .Append(random.Next(300, 9000)).Append('.').Append(random.Next(100).ToString("D2"))
                .Append("</x:v></x:c>");
            Texts(xml, "delivered", $"ORD{random.Next():D10}", $"u_{random.NextInt64():x16}");
            xml.Append("</x:row>");
        }

        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    private static void Texts(StringBuilder xml, params string[] texts)
    {
        foreach (var text in texts)
        {
            xml.Append("<x:c t=\"inlineStr\"><x:is><x:t>").Append(text).Append("</x:t></x:is></x:c>");
        }
    }

    /// <summary>Counts bytes, and the synchronous writes an ASP.NET Core response body would refuse.</summary>
    private sealed class CountingSink : Stream
    {
        private long _length;

        public long SynchronousWrites { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            SynchronousWrites++;
            _length += count;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

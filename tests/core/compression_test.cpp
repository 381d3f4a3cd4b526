#include "core/compression.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace hearth {
namespace {

// Independent of the code under test: inflate with zlib's one-shot API through a gzip
// wrapper check, so a round trip cannot pass just because both sides share a bug.
std::string zlib_gunzip(const std::string& data) {
  z_stream s{};
  EXPECT_EQ(inflateInit2(&s, 15 + 16), Z_OK);
  std::string out(data.size() * 50 + 1024, '\0');
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  s.avail_in = static_cast<uInt>(data.size());
  s.next_out = reinterpret_cast<Bytef*>(out.data());
  s.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&s, Z_FINISH), Z_STREAM_END);
  out.resize(s.total_out);
  inflateEnd(&s);
  return out;
}

std::string sample_html(std::size_t repeat) {
  std::string html;
  for (std::size_t i = 0; i < repeat; ++i) {
    html += "<article class=\"post\"><p>Reply number " + std::to_string(i) +
            " — it helps to know others have been there.</p></article>\n";
  }
  return html;
}

TEST(AcceptsGzip, Negotiation) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(accepts_gzip("x-gzip"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_TRUE(accepts_gzip("deflate, * ; q=0.1"));
  EXPECT_TRUE(accepts_gzip("gzip;q=0.001"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip("br, deflate"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip; q=0.000"));
  EXPECT_FALSE(accepts_gzip("*;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0, *"));  // an explicit refusal beats the wildcard
  EXPECT_FALSE(accepts_gzip("gzipx"));
}

TEST(CompressibleType, TextLikeOnly) {
  EXPECT_TRUE(is_compressible_type("text/html; charset=utf-8"));
  EXPECT_TRUE(is_compressible_type("text/css"));
  EXPECT_TRUE(is_compressible_type("application/json"));
  EXPECT_TRUE(is_compressible_type("application/activity+json"));
  EXPECT_TRUE(is_compressible_type("text/javascript"));
  EXPECT_TRUE(is_compressible_type("application/javascript"));
  EXPECT_TRUE(is_compressible_type("image/svg+xml"));
  EXPECT_FALSE(is_compressible_type("image/png"));
  EXPECT_FALSE(is_compressible_type("application/gzip"));
  EXPECT_FALSE(is_compressible_type("font/woff2"));
  EXPECT_FALSE(is_compressible_type(""));
}

TEST(Gzip, CompressedBodyInflatesWithZlib) {
  std::string html = sample_html(300);
  std::string gz = gzip_compress(html);
  ASSERT_GE(gz.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
  EXPECT_LT(gz.size(), html.size() / 4);
  EXPECT_EQ(zlib_gunzip(gz), html);
}

TEST(Gzip, RoundTripsRepeatedlyOnOneThread) {
  // The deflate state is reused per thread: a second body must not inherit the first.
  for (std::size_t n : {1u, 500u, 0u, 37u}) {
    std::string text = sample_html(n);
    EXPECT_EQ(zlib_gunzip(gzip_compress(text)), text);
    EXPECT_EQ(gzip_decompress(gzip_compress(text), 1 << 20), text);
  }
}

TEST(Gzip, RoundTripsBinary) {
  std::string bytes;
  for (int i = 0; i < 70000; ++i) bytes.push_back(static_cast<char>((i * 7919) & 0xFF));
  EXPECT_EQ(gzip_decompress(gzip_compress(bytes), 1 << 20), bytes);
}

TEST(Gzip, DecompressRejectsBadInput) {
  std::string gz = gzip_compress(sample_html(50));
  EXPECT_FALSE(gzip_decompress("", 1 << 20).has_value());
  EXPECT_FALSE(gzip_decompress("not gzip at all", 1 << 20).has_value());
  EXPECT_FALSE(gzip_decompress(gz.substr(0, gz.size() / 2), 1 << 20).has_value());
  EXPECT_FALSE(gzip_decompress(gz + "trailing", 1 << 20).has_value());
  EXPECT_FALSE(gzip_decompress(gz, 100).has_value());  // larger than allowed
  EXPECT_TRUE(gzip_decompress(gz, 1 << 20).has_value());
}

}  // namespace
}  // namespace hearth

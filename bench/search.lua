-- wrk script for bench/catalogue.sh: GET /api/matters rotating through what people ask at the
-- desk (percent-encoded UTF-8), some with a filter, each connection starting at its own place.
local queries = {
  "%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7",                         -- 营业执照
  "%E5%85%AC%E7%A7%AF%E9%87%91%E6%8F%90%E5%8F%96",                 -- 公积金提取
  "%E9%A3%9F%E5%93%81",                                            -- 食品
  "%E6%96%BD%E5%B7%A5%E8%AE%B8%E5%8F%AF",                         -- 施工许可
  "%E8%BA%AB%E4%BB%BD%E8%AF%81",                                   -- 身份证
  "%E7%A4%BE%E4%BC%9A%E4%BF%9D%E9%99%A9",                         -- 社会保险
  "%E4%B8%8D%E5%8A%A8%E4%BA%A7",                                   -- 不动产
  "%E9%81%93%E8%B7%AF%E8%BF%90%E8%BE%93",                         -- 道路运输
  "%E5%8D%AB%E7%94%9F%E8%AE%B8%E5%8F%AF",                         -- 卫生许可
  "%E8%8D%AF%E5%93%81",                                            -- 药品
  "%E4%B8%AA%E4%BD%93%E5%B7%A5%E5%95%86%E6%88%B7",                 -- 个体工商户
  "%E9%80%80%E4%BC%91",                                            -- 退休
  "%E7%87%83%E6%B0%94",                                            -- 燃气
  "%E8%AF%81",                                                     -- 证 (one character: many hits)
  "%E5%BB%BA%E7%AD%91%E5%B7%A5%E7%A8%8B%20%E9%AA%8C%E6%94%B6",     -- 建筑工程 验收 (two terms)
  "%E5%85%BB%E8%80%81%E6%9C%BA%E6%9E%84&type=01",                  -- 养老机构, 行政许可 only
  "%E6%B3%A8%E9%94%80&window_class=undifferentiated",              -- 注销 at 无差别 windows
  "%E6%97%85%E8%A1%8C%E7%A4%BE",                                   -- 旅行社
}
local i = 0

function setup(thread)
  thread:set("start", math.random(#queries))
end

function request()
  i = i + 1
  local q = queries[(i + (start or 0)) % #queries + 1]
  return wrk.format("GET", "/api/matters?limit=20&q=" .. q)
end

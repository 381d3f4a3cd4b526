#include "store/support_services.hpp"

namespace hearth::support_services {

std::vector<SupportService> for_region(Connection& c, const std::string& region) {
  return c.all<SupportService>(
      "SELECT id, region, name, description, phone, text_number, website, hours, crisis FROM support_services"
      " WHERE region = ? ORDER BY crisis DESC, sort_order, name",
      {region}, [](const Row& r) {
        return SupportService{r.i64(0), r.text(1), r.text(2), r.text(3), r.text(4),
                              r.text(5), r.text(6), r.text(7), r.i64(8) != 0};
      });
}

std::vector<std::string> regions(Connection& c) {
  return c.all<std::string>("SELECT DISTINCT region FROM support_services ORDER BY region", {},
                            [](const Row& r) { return r.text(0); });
}

}  // namespace hearth::support_services

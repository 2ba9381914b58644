"""The Vietnamese names of the registry's codes, as reports and progress print them. The web
app says the same (frontend/src/i18n/vi.ts; a test holds the two together). The channels are
named as Law 69/2020/QH14 Art. 5-8 names them."""

LABELS_VI: dict[str, dict[str, str]] = {
    "channel": {
        "public_unit": "Đơn vị sự nghiệp công",
        "service_enterprise": "Doanh nghiệp dịch vụ",
        "contract_winner": "Doanh nghiệp trúng thầu, nhận thầu",
        "internship": "Thực tập nâng cao tay nghề",
        "outbound_investor": "Tổ chức, cá nhân đầu tư ra nước ngoài",
        "direct_contract": "Hợp đồng cá nhân trực tiếp",
    },
    "sex": {"male": "Nam", "female": "Nữ"},
    "policy_group": {
        "poor_household": "Hộ nghèo",
        "near_poor_household": "Hộ cận nghèo",
        "ethnic_minority": "Dân tộc thiểu số",
        "land_recovered": "Bị thu hồi đất",
        "merit_relative": "Thân nhân người có công",
        "demobilised_soldier": "Bộ đội xuất ngũ",
    },
}

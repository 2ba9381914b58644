"""The Vietnamese names of the registry's codes, as reports, progress and the labelled files print
them and as the import reads them back. The web app says the same (frontend/src/i18n/vi.ts; a
test holds the two together). The channels are named as Law 69/2020/QH14 Art. 5-8 names them."""

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
    "status": {
        "registered": "Đã đăng ký",
        "training": "Đang đào tạo",
        "contracted": "Đã ký hợp đồng",
        "departed": "Đã xuất cảnh",
        "returned": "Đã về nước",
        "returned_early": "Về nước trước hạn",
        "overstayed": "Ở lại quá hạn",
        "cancelled": "Đã huỷ",
    },
    # TITP, SSW and EPS are the programmes' own names, in Vietnamese too.
    "programme": {"engineer": "Kỹ sư", "other": "Khác"},
    "flag": {
        "fee_above_cap": "Tiền dịch vụ vượt mức trần",
        "deposit_above_cap": "Tiền ký quỹ vượt mức trần",
        "possible_duplicate": "Có thể trùng hồ sơ",
        "late_report": "Báo cáo chậm",
        "over_quota": "Vượt số lượng thông báo",
    },
}


def label(vocabulary: str, code: str) -> str:
    """The words for a code; a code without words (a programme's own name) is itself."""
    return LABELS_VI.get(vocabulary, {}).get(code, code)
